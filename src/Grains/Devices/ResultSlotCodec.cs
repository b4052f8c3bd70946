using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Unicode;
using Visco.Grains.Interfaces.Measurements;

namespace Visco.Grains.Devices;

/// <summary>
/// A <see cref="MeasurementResult"/> as the bytes of one <see cref="DedupWindow"/> slot: the sample id first (the
/// key), then every other field; text as UTF-8 with a two-byte length, numbers little-endian. Lossless: text that is
/// not valid UTF-16 (a lone surrogate) is refused rather than replaced, and the window keeps that result as it is.
/// </summary>
internal static class ResultSlotCodec
{
    private const byte HasLowShear = 1;
    private const byte HasHighShear = 2;

    /// <summary>Writes <paramref name="result"/> into <paramref name="slot"/>: the bytes written, or -1 when it does not fit.</summary>
    public static int TryEncode(MeasurementResult result, Span<byte> slot)
    {
        var inference = result.Inference;
        var position = 0;
        if (!TryWriteText(result.SampleId, slot, ref position)
            || !TryWriteText(result.InputHash, slot, ref position)
            || !TryWriteText(inference.ModelVersion, slot, ref position)
            || !TryWriteText(inference.Class, slot, ref position)
            || slot.Length - position < 8 + 2 + 1 + (3 * 8) + 2
            || inference.Flags.Count > ushort.MaxValue)
        {
            return -1;
        }

        BinaryPrimitives.WriteInt64LittleEndian(slot[position..], result.ProcessedAt.UtcTicks);
        BinaryPrimitives.WriteInt16LittleEndian(slot[(position + 8)..], (short)result.ProcessedAt.TotalOffsetMinutes);
        slot[position + 10] = (byte)((inference.LowShearViscosity.HasValue ? HasLowShear : 0) | (inference.HighShearViscosity.HasValue ? HasHighShear : 0));
        BinaryPrimitives.WriteDoubleLittleEndian(slot[(position + 11)..], inference.LowShearViscosity ?? 0);
        BinaryPrimitives.WriteDoubleLittleEndian(slot[(position + 19)..], inference.HighShearViscosity ?? 0);
        BinaryPrimitives.WriteDoubleLittleEndian(slot[(position + 27)..], inference.Confidence);
        BinaryPrimitives.WriteUInt16LittleEndian(slot[(position + 35)..], (ushort)inference.Flags.Count);
        position += 37;
        foreach (var flag in inference.Flags)
        {
            if (!TryWriteText(flag, slot, ref position))
            {
                return -1;
            }
        }

        return position;
    }

    /// <summary>Whether the slot's sample id is <paramref name="sampleId"/>, without decoding the slot.</summary>
    public static bool KeyEquals(ReadOnlySpan<byte> slot, string sampleId)
    {
        var length = BinaryPrimitives.ReadUInt16LittleEndian(slot);
        if (length > sampleId.Length * 3 || length < sampleId.Length)
        {
            return false; // UTF-8 takes one to three bytes per UTF-16 unit
        }

        Span<byte> probe = stackalloc byte[length];
        return Utf8.FromUtf16(sampleId, probe, out var read, out var written, replaceInvalidSequences: false) == OperationStatus.Done
            && read == sampleId.Length && written == length && probe.SequenceEqual(slot.Slice(2, length));
    }

    /// <summary>The result <see cref="TryEncode"/> wrote.</summary>
    public static MeasurementResult Decode(ReadOnlySpan<byte> slot)
    {
        var position = 0;
        var sampleId = ReadText(slot, ref position);
        var inputHash = ReadText(slot, ref position);
        var modelVersion = ReadText(slot, ref position);
        var @class = ReadText(slot, ref position);
        var offset = TimeSpan.FromMinutes(BinaryPrimitives.ReadInt16LittleEndian(slot[(position + 8)..]));
        var processedAt = new DateTimeOffset(BinaryPrimitives.ReadInt64LittleEndian(slot[position..]) + offset.Ticks, offset);
        var has = slot[position + 10];
        double? low = (has & HasLowShear) != 0 ? BinaryPrimitives.ReadDoubleLittleEndian(slot[(position + 11)..]) : null;
        double? high = (has & HasHighShear) != 0 ? BinaryPrimitives.ReadDoubleLittleEndian(slot[(position + 19)..]) : null;
        var confidence = BinaryPrimitives.ReadDoubleLittleEndian(slot[(position + 27)..]);
        var flags = new string[BinaryPrimitives.ReadUInt16LittleEndian(slot[(position + 35)..])];
        position += 37;
        for (var i = 0; i < flags.Length; i++)
        {
            flags[i] = ReadText(slot, ref position);
        }

        return new MeasurementResult(sampleId, new InferenceResult(modelVersion, low, high, @class, confidence, flags), inputHash, processedAt);
    }

    private static bool TryWriteText(string text, Span<byte> slot, ref int position)
    {
        if (slot.Length - position < 2)
        {
            return false;
        }

        var status = Utf8.FromUtf16(text, slot[(position + 2)..], out _, out var written, replaceInvalidSequences: false);
        if (status != OperationStatus.Done || written > ushort.MaxValue)
        {
            return false;
        }

        BinaryPrimitives.WriteUInt16LittleEndian(slot[position..], (ushort)written);
        position += 2 + written;
        return true;
    }

    private static string ReadText(ReadOnlySpan<byte> slot, ref int position)
    {
        var length = BinaryPrimitives.ReadUInt16LittleEndian(slot[position..]);
        var text = Encoding.UTF8.GetString(slot.Slice(position + 2, length));
        position += 2 + length;
        return text;
    }
}
