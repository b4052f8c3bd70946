using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Visco.DomainStore.Sql;

/// <summary>
/// The JSON text of the arrays a row stores (the sweep's numbers, the flags), written with one <see cref="Utf8JsonWriter"/>
/// per thread instead of the reflection serializer: the same bytes (the writer is what the serializer writes with),
/// a fraction of the cost per row. Not-finite numbers are refused as the serializer refuses them.
/// </summary>
internal static class JsonArrays
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>The UTF-8 JSON of <paramref name="values"/>; valid until the next call on this thread.</summary>
    public static ReadOnlySpan<byte> Utf8(IReadOnlyList<double> values)
    {
        var writer = Writer();
        writer.WriteStartArray();
        for (var i = 0; i < values.Count; i++)
        {
            writer.WriteNumberValue(values[i]);
        }

        writer.WriteEndArray();
        writer.Flush();
        return t_buffer!.WrittenSpan;
    }

    /// <summary>The UTF-8 JSON of <paramref name="values"/>; valid until the next call on this thread.</summary>
    public static ReadOnlySpan<byte> Utf8(IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return "[]"u8;
        }

        var writer = Writer();
        writer.WriteStartArray();
        for (var i = 0; i < values.Count; i++)
        {
            writer.WriteStringValue(values[i]);
        }

        writer.WriteEndArray();
        writer.Flush();
        return t_buffer!.WrittenSpan;
    }

    /// <summary>The JSON text of <paramref name="values"/>.</summary>
    public static string Text(IReadOnlyList<double> values) => Encoding.UTF8.GetString(Utf8(values));

    /// <summary>The JSON text of <paramref name="values"/>.</summary>
    public static string Text(IReadOnlyList<string> values) => values.Count == 0 ? "[]" : Encoding.UTF8.GetString(Utf8(values));

    private static Utf8JsonWriter Writer()
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        if (t_writer is null)
        {
            t_writer = new Utf8JsonWriter(buffer);
        }
        else
        {
            t_writer.Reset(buffer);
        }

        return t_writer;
    }
}
