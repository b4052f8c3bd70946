using Visco.Lake.Thrift;

namespace Visco.Lake.Parquet.Format;

/// <summary>A key/value metadata entry (parquet.thrift <c>KeyValue</c>).</summary>
public sealed class KeyValue
{
    /// <summary>The key.</summary>
    public string Key { get; set; } = string.Empty;

    /// <summary>The value, if any.</summary>
    public string? Value { get; set; }

    internal void Write(ThriftCompactWriter writer)
    {
        writer.WriteStructBegin();
        writer.WriteStringField(1, Key);
        if (Value is not null)
        {
            writer.WriteStringField(2, Value);
        }

        writer.WriteStructEnd();
    }

    internal static KeyValue Read(ThriftCompactReader reader)
    {
        var result = new KeyValue();
        reader.ReadStructBegin();
        while (reader.ReadFieldBegin() is { IsStop: false } field)
        {
            switch (field.Id)
            {
                case 1 when field.Type == ThriftType.Binary:
                    result.Key = reader.ReadString();
                    break;
                case 2 when field.Type == ThriftType.Binary:
                    result.Value = reader.ReadString();
                    break;
                default:
                    reader.Skip(field.Type);
                    break;
            }
        }

        reader.ReadStructEnd();
        return result;
    }
}
