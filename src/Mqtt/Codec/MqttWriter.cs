using System.Buffers;
using System.Buffers.Binary;
using System.Text;

using Visco.Mqtt.Packets;

namespace Visco.Mqtt.Codec;

/// <summary>
/// Writes MQTT data types straight into an <see cref="IBufferWriter{T}"/>, or only counts them when created by
/// <see cref="CreateCounter"/>. The encoders run once counting and once writing, which is how the fixed header (whose
/// remaining length precedes the body) is written first without encoding the body twice into memory.
/// </summary>
internal ref struct MqttWriter
{
    private readonly IBufferWriter<byte>? _output;
    private Span<byte> _span;
    private int _buffered;

    public MqttWriter(IBufferWriter<byte> output, int sizeHint)
    {
        _output = output;
        _span = output.GetSpan(sizeHint);
    }

    public int Written { get; private set; }

    private readonly bool Counting => _output is null;

    public static MqttWriter CreateCounter() => default;

    public void WriteByte(byte value)
    {
        Written++;
        if (Counting)
        {
            return;
        }

        Ensure(1);
        _span[_buffered++] = value;
    }

    public void WriteUInt16(ushort value)
    {
        Written += 2;
        if (Counting)
        {
            return;
        }

        Ensure(2);
        BinaryPrimitives.WriteUInt16BigEndian(_span[_buffered..], value);
        _buffered += 2;
    }

    public void WriteUInt32(uint value)
    {
        Written += 4;
        if (Counting)
        {
            return;
        }

        Ensure(4);
        BinaryPrimitives.WriteUInt32BigEndian(_span[_buffered..], value);
        _buffered += 4;
    }

    public void WriteVariableByteInteger(uint value)
    {
        if (value > MqttLimits.MaxVariableByteInteger)
        {
            MqttThrow.Malformed("§1.5.5", $"{value} does not fit a Variable Byte Integer");
        }

        var size = MqttVariableByteInteger.GetSize(value);
        Written += size;
        if (Counting)
        {
            return;
        }

        Ensure(size);
        _buffered += MqttVariableByteInteger.Write(value, _span[_buffered..]);
    }

    public void WriteString(string value, string field)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        if (length > MqttLimits.MaxStringLength)
        {
            MqttThrow.Malformed("§1.5.4", $"{field} is {length} UTF-8 bytes; at most 65,535 fit");
        }

        WriteCheckedString(value, length);
    }

    /// <summary>A property's string: its name (the enum's text) is formatted only for the error, not per packet.</summary>
    private void WriteString(string value, MqttPropertyId id)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        if (length > MqttLimits.MaxStringLength)
        {
            MqttThrow.Malformed("§1.5.4", $"{id} is {length} UTF-8 bytes; at most 65,535 fit");
        }

        WriteCheckedString(value, length);
    }

    private void WriteCheckedString(string value, int length)
    {
        WriteUInt16((ushort)length);
        Written += length;
        if (Counting)
        {
            return;
        }

        Ensure(length);
        _buffered += Encoding.UTF8.GetBytes(value, _span[_buffered..]);
    }

    public void WriteBinary(ReadOnlySpan<byte> value, string field)
    {
        if (value.Length > MqttLimits.MaxStringLength)
        {
            MqttThrow.Malformed("§1.5.6", $"{field} is {value.Length} bytes; at most 65,535 fit");
        }

        WriteUInt16((ushort)value.Length);
        WriteRaw(value);
    }

    /// <summary>Copies bytes in chunks, so a large payload never needs one contiguous buffer of its size.</summary>
    public void WriteRaw(ReadOnlySpan<byte> value)
    {
        Written += value.Length;
        if (Counting)
        {
            return;
        }

        while (!value.IsEmpty)
        {
            if (_span.Length == _buffered)
            {
                Ensure(Math.Min(value.Length, 1 << 16));
            }

            var chunk = Math.Min(value.Length, _span.Length - _buffered);
            value[..chunk].CopyTo(_span[_buffered..]);
            _buffered += chunk;
            value = value[chunk..];
        }
    }

    public void WriteStringProperty(MqttPropertyId id, string? value)
    {
        if (value is not null)
        {
            WriteByte((byte)id);
            WriteString(value, id);
        }
    }

    public void WriteBinaryProperty(MqttPropertyId id, byte[]? value)
    {
        if (value is not null)
        {
            WriteByte((byte)id);
            WriteBinary(value, id.ToString());
        }
    }

    public void WriteUInt32Property(MqttPropertyId id, uint? value)
    {
        if (value is { } v)
        {
            WriteByte((byte)id);
            WriteUInt32(v);
        }
    }

    public void WriteUInt16Property(MqttPropertyId id, ushort? value)
    {
        if (value is { } v)
        {
            WriteByte((byte)id);
            WriteUInt16(v);
        }
    }

    public void WriteByteProperty(MqttPropertyId id, byte? value)
    {
        if (value is { } v)
        {
            WriteByte((byte)id);
            WriteByte(v);
        }
    }

    public void WriteUserProperties(IList<MqttUserProperty> properties)
    {
        foreach (var property in properties)
        {
            WriteByte((byte)MqttPropertyId.UserProperty);
            WriteString(property.Name, "user property name");
            WriteString(property.Value, "user property value");
        }
    }

    public void Flush()
    {
        if (_buffered > 0)
        {
            _output!.Advance(_buffered);
            _buffered = 0;
        }

        _span = default;
    }

    private void Ensure(int size)
    {
        if (_span.Length - _buffered < size)
        {
            Flush();
            _span = _output!.GetSpan(size);
        }
    }
}
