using Visco.Model;

namespace Visco.Firmware.Sensors;

/// <summary>
/// The sensor driver seam: one shear-rate sweep per call. A real instrument's driver implements this next to
/// <see cref="SimulatedViscometer"/> without touching the queue, the connection or the commands.
/// </summary>
public interface IViscometer
{
    /// <summary>Runs one sweep for <paramref name="deviceId"/>; the sample id it returns must be unique for that device.</summary>
    ValueTask<Sweep> MeasureAsync(string deviceId, CancellationToken cancellationToken);
}
