using System.Buffers.Binary;
using System.Text;

namespace Visco.Retraining.Data;

/// <summary>
/// A reproducible split by a stable hash of (hospital, device, sample): the same sample lands in the same part on every
/// run and every machine, so a later job never trains on an earlier job's hold-out.
/// </summary>
public static class SampleSplit
{
    /// <summary>The part of a sample.</summary>
    public static SplitPart Of(string hospitalId, string deviceId, string sampleId, int holdOutPercent, int validationPercent)
    {
        var bucket = Bucket($"{hospitalId}\u001f{deviceId}\u001f{sampleId}");
        return bucket < holdOutPercent ? SplitPart.HoldOut
            : bucket < holdOutPercent + validationPercent ? SplitPart.Validation
            : SplitPart.Train;
    }

    /// <summary>0..99 from the key's SHA-256 (stable across runtimes, unlike string.GetHashCode).</summary>
    public static int Bucket(string key)
    {
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return (int)(BinaryPrimitives.ReadUInt64LittleEndian(hash) % 100);
    }
}
