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

    // The fixed-size fields after the four texts, as offsets from their start; the flags follow them.
    private const int TicksAt = 0;
    private const int OffsetAt = 8;
    private const int PresenceAt = 10;
    private const int LowAt = 11;
    private const int HighAt = 19;
    private const int ConfidenceAt = 27;
    private const int FlagCountAt = 35;
    private const int FixedBytes = 37;

    /// <summary>Writes <paramref name="result"/> into <paramref name="slot"/>: the bytes written, or -1 when it does not fit.</summary>
    public static int TryEncode(MeasurementResult result, Span<byte> slot)
    {
        var inference = result.Inference;
        var position = 0;
        if (!TryWriteText(result.SampleId, slot, ref position)
            || !TryWriteText(result.InputHash, slot, ref position)
            || !TryWriteText(inference.ModelVersion, slot, ref position)
            || !TryWriteText(inference.Class, slot, ref position)
            || slot.Length - position < FixedBytes
            || inference.Flags.Count > ushort.MaxValue)
        {
            return -1;
        }

        var fixedFields = slot[position..];
        BinaryPrimitives.WriteInt64LittleEndian(fixedFields[TicksAt..], result.ProcessedAt.UtcTicks);
        BinaryPrimitives.WriteInt16LittleEndian(fixedFields[OffsetAt..], (short)result.ProcessedAt.TotalOffsetMinutes);
        fixedFields[PresenceAt] = (byte)((inference.LowShearViscosity.HasValue ? HasLowShear : 0) | (inference.HighShearViscosity.HasValue ? HasHighShear : 0));
        BinaryPrimitives.WriteDoubleLittleEndian(fixedFields[LowAt..], inference.LowShearViscosity ?? 0);
        BinaryPrimitives.WriteDoubleLittleEndian(fixedFields[HighAt..], inference.HighShearViscosity ?? 0);
        BinaryPrimitives.WriteDoubleLittleEndian(fixedFields[ConfidenceAt..], inference.Confidence);
        BinaryPrimitives.WriteUInt16LittleEndian(fixedFields[FlagCountAt..], (ushort)inference.Flags.Count);
        position += FixedBytes;
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
        var fixedFields = slot[position..];
        var offset = TimeSpan.FromMinutes(BinaryPrimitives.ReadInt16LittleEndian(fixedFields[OffsetAt..]));
        var processedAt = new DateTimeOffset(BinaryPrimitives.ReadInt64LittleEndian(fixedFields[TicksAt..]) + offset.Ticks, offset);
        var has = fixedFields[PresenceAt];
        double? low = (has & HasLowShear) != 0 ? BinaryPrimitives.ReadDoubleLittleEndian(fixedFields[LowAt..]) : null;
        double? high = (has & HasHighShear) != 0 ? BinaryPrimitives.ReadDoubleLittleEndian(fixedFields[HighAt..]) : null;
        var confidence = BinaryPrimitives.ReadDoubleLittleEndian(fixedFields[ConfidenceAt..]);
        var flags = new string[BinaryPrimitives.ReadUInt16LittleEndian(fixedFields[FlagCountAt..])];
        position += FixedBytes;
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
