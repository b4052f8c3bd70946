namespace Visco.Model.Simulation;

/// <summary>A simulated analyser: its sweep programme, thermostat and calibration behaviour.</summary>
/// <param name="DeviceId">Device identifier.</param>
/// <param name="Firmware">Firmware version string it reports.</param>
/// <param name="PointCount">Number of shear rates in its sweep.</param>
/// <param name="MinShearRate">Lowest shear rate (1/s).</param>
/// <param name="MaxShearRate">Highest shear rate (1/s).</param>
/// <param name="SetPointC">Thermostat set point in °C.</param>
/// <param name="InitialGain">Calibration gain at the start of the period.</param>
/// <param name="GainDriftPerDay">Change of gain per day.</param>
/// <param name="NoiseScale">Multiplier on the fleet's sensor noise for this device.</param>
public sealed record AnalyserProfile(
    string DeviceId,
    string Firmware,
    int PointCount,
    double MinShearRate,
    double MaxShearRate,
    double SetPointC,
    double InitialGain,
    double GainDriftPerDay,
    double NoiseScale)
{
    /// <summary>Calibration gain after the given number of days.</summary>
    public double GainAt(double days) => InitialGain + (GainDriftPerDay * days);

    /// <summary>The device's log-spaced shear rates (a fresh array, owned by the caller).</summary>
    public double[] ShearRates()
    {
        var rates = new double[PointCount];
        var logMin = Math.Log(MinShearRate);
        var step = (Math.Log(MaxShearRate) - logMin) / (PointCount - 1);
        for (var i = 0; i < rates.Length; i++)
        {
            rates[i] = Math.Exp(logMin + (step * i));
        }

        return rates;
    }
}
