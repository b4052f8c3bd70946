using System.Buffers.Binary;
using System.Security.Cryptography;
using Visco.Grains.Interfaces.Measurements;
using Visco.Model;
using Visco.Model.Features;

namespace Visco.Grains.Measurements;

/// <summary>Between the wire's <see cref="SweepData"/> and the model's <see cref="Sweep"/>; the input hash.</summary>
internal static class SweepMapping
{
    /// <summary>The model's view of the sweep (shares the arrays; neither side mutates them).</summary>
    public static Sweep ToSweep(SweepData data) =>
        new(data.SampleId, data.TakenAt, data.TemperatureC, data.ShearRate, data.ShearStress, data.Hematocrit, data.Firmware);

    /// <summary>Validates the sweep's physics: null when usable, otherwise the code and reason.</summary>
    public static (string Code, string Reason)? Validate(SweepData data)
    {
        var result = SweepValidator.Validate(ToSweep(data));
        return result.IsValid ? null : (MeasurementErrorCodes.Of(result.Error), result.Message);
    }

    /// <summary>
    /// SHA-256 over the numbers the model reads (temperature, hematocrit or NaN, rates, stresses, little-endian
    /// doubles), so the same sweep hashes the same whatever its JSON formatting.
    /// </summary>
    public static string InputHash(SweepData data)
    {
        var count = 2 + data.ShearRate.Length + data.ShearStress.Length;
        Span<byte> bytes = count <= 160 ? stackalloc byte[count * 8] : new byte[count * 8];
        var offset = 0;
        Write(bytes, ref offset, data.TemperatureC);
        Write(bytes, ref offset, data.Hematocrit ?? double.NaN);
        foreach (var rate in data.ShearRate)
        {
            Write(bytes, ref offset, rate);
        }

        foreach (var stress in data.ShearStress)
        {
            Write(bytes, ref offset, stress);
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes, hash);
        return "sha256:" + Convert.ToHexStringLower(hash);
    }

    private static void Write(Span<byte> bytes, ref int offset, double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(bytes[offset..], value);
        offset += 8;
    }
}
