namespace Visco.Model.Simulation;

/// <summary>Knobs of the synthetic analyser fleet. Defaults describe a well-run fleet with occasional faults.</summary>
public sealed record SimulatorOptions
{
    /// <summary>Number of simulated analysers; sweeps are spread across them.</summary>
    public int DeviceCount { get; init; } = 50;

    /// <summary>Probability that a sweep has an air bubble.</summary>
    public double AirBubbleRate { get; init; } = 0.03;

    /// <summary>Probability that a sweep has a clot.</summary>
    public double ClotRate { get; init; } = 0.03;

    /// <summary>Probability that a sweep comes from an under-filled cell.</summary>
    public double UnderFilledRate { get; init; } = 0.03;

    /// <summary>Relative (multiplicative) sensor noise, one standard deviation.</summary>
    public double RelativeNoise { get; init; } = 0.006;

    /// <summary>Absolute sensor noise in mPa, one standard deviation.</summary>
    public double AbsoluteNoiseMilliPascal { get; init; } = 0.2;

    /// <summary>
    /// Spread between devices of their noise level: each device multiplies both noise terms by exp(N(0, spread)),
    /// clamped to 0.5-3, so the fleet mixes quiet and noisy sensors.
    /// </summary>
    public double DeviceNoiseSpread { get; init; } = 0.4;

    /// <summary>Standard deviation of a device's calibration gain error just after calibration.</summary>
    public double InitialGainError { get; init; } = 0.002;

    /// <summary>Standard deviation of a device's gain drift per 365 days.</summary>
    public double GainDriftPerYear { get; init; } = 0.008;

    /// <summary>Probability that a sweep carries a hematocrit value.</summary>
    public double HematocritReportedRate { get; init; } = 0.6;

    /// <summary>Fraction of analysers that measure at room temperature instead of 37 °C.</summary>
    public double RoomTemperatureDeviceRate { get; init; } = 0.1;

    /// <summary>Start of the simulated measurement period (UTC).</summary>
    public DateTimeOffset Start { get; init; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Length of the simulated measurement period.</summary>
    public TimeSpan Period { get; init; } = TimeSpan.FromDays(180);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the setting that is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(DeviceCount, 1, nameof(DeviceCount));
        CheckProbability(AirBubbleRate, nameof(AirBubbleRate));
        CheckProbability(ClotRate, nameof(ClotRate));
        CheckProbability(UnderFilledRate, nameof(UnderFilledRate));
        CheckProbability(HematocritReportedRate, nameof(HematocritReportedRate));
        CheckProbability(RoomTemperatureDeviceRate, nameof(RoomTemperatureDeviceRate));
        if (AirBubbleRate + ClotRate + UnderFilledRate > 1.0)
        {
            throw new ArgumentOutOfRangeException(nameof(AirBubbleRate), "The three fault rates must add up to at most 1.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(RelativeNoise, nameof(RelativeNoise));
        ArgumentOutOfRangeException.ThrowIfNegative(AbsoluteNoiseMilliPascal, nameof(AbsoluteNoiseMilliPascal));
        ArgumentOutOfRangeException.ThrowIfNegative(DeviceNoiseSpread, nameof(DeviceNoiseSpread));
        ArgumentOutOfRangeException.ThrowIfNegative(InitialGainError, nameof(InitialGainError));
        ArgumentOutOfRangeException.ThrowIfNegative(GainDriftPerYear, nameof(GainDriftPerYear));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Period, TimeSpan.Zero, nameof(Period));
    }

    private static void CheckProbability(double value, string name)
    {
        if (!(value >= 0.0 && value <= 1.0))
        {
            throw new ArgumentOutOfRangeException(name, value, "A rate must lie between 0 and 1.");
        }
    }
}
