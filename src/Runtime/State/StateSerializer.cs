using System.Text.Json;
using System.Text.Json.Serialization;

namespace Visco.Runtime.State;

/// <summary>
/// How state records, stream events and reminder payloads are written: UTF-8 JSON, camelCase, enums by name, so a
/// record stays readable by people and by the next version of the code.
/// </summary>
public static class StateSerializer
{
    /// <summary>The options every runtime serializer uses.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Serializes a value to UTF-8 JSON.</summary>
    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    /// <summary>Deserializes UTF-8 JSON.</summary>
    /// <exception cref="JsonException">The bytes are not a <typeparamref name="T"/>.</exception>
    public static T? Deserialize<T>(ReadOnlySpan<byte> json) => JsonSerializer.Deserialize<T>(json, Options);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Converters = { new JsonStringEnumConverter() },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
