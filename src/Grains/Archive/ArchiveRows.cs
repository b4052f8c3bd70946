using Visco.Grains.Interfaces.Measurements;
using Visco.Lake.Rows;

namespace Visco.Grains.Archive;

/// <summary>Maps stream events to lake rows.</summary>
public static class ArchiveRows
{
    /// <summary>The lake row of an event at a stream sequence. Missing viscosities (invalid samples) are stored as NaN.</summary>
    public static MeasurementRow ToRow(MeasurementRecorded recorded, long sequence)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        var sweep = recorded.Sweep;
        var inference = recorded.Result.Inference;
        return new MeasurementRow(
            recorded.HospitalId, recorded.DeviceId, sweep.SampleId, sequence, sweep.TakenAt.ToUniversalTime(),
            recorded.ReceivedAt.ToUniversalTime(), sweep.TemperatureC, sweep.Hematocrit, sweep.Firmware, sweep.ShearRate,
            sweep.ShearStress, inference.ModelVersion, recorded.Result.InputHash, inference.LowShearViscosity ?? double.NaN,
            inference.HighShearViscosity ?? double.NaN, inference.Class, inference.Confidence, [.. inference.Flags],
            recorded.Result.ProcessedAt.ToUniversalTime());
    }

    /// <summary>The dedup key of a row: device and sample.</summary>
    public static string Key(MeasurementRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return $"{row.DeviceId}/{row.SampleId}";
    }

    /// <summary>The date partition of a row received at <paramref name="receivedAt"/>: the UTC day the cloud received it (the device clock is not trusted).</summary>
    public static DateOnly Partition(DateTimeOffset receivedAt) => DateOnly.FromDateTime(receivedAt.UtcDateTime);
}
