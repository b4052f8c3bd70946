namespace Visco.Model.Simulation;

/// <summary>
/// Seeded, deterministic generator of SYNTHETIC whole-blood sweeps with ground truth: a population of blood samples
/// (<see cref="BloodRheology"/>), measured by a fleet of analysers with sensor noise, calibration drift and faults.
/// The same seed and options always give the same sequence of sweeps.
/// </summary>
public sealed class BloodSimulator
{
    private readonly SimulatorOptions _options;
    private readonly SimulationRandom _random;
    private readonly AnalyserProfile[] _devices;
    private readonly ulong _seed;
    private long _index;

    /// <summary>Creates a simulator; <paramref name="options"/> defaults to <see cref="SimulatorOptions"/>' defaults.</summary>
    public BloodSimulator(ulong seed, SimulatorOptions? options = null)
    {
        _options = options ?? new SimulatorOptions();
        _options.Validate();
        _seed = seed;
        _random = new SimulationRandom(seed);
        _devices = new AnalyserProfile[_options.DeviceCount];
        for (var d = 0; d < _devices.Length; d++)
        {
            _devices[d] = CreateDevice(d);
        }
    }

    /// <summary>The simulated analysers.</summary>
    public IReadOnlyList<AnalyserProfile> Devices => _devices;

    /// <summary>Produces the next sweep.</summary>
    public SimulatedMeasurement Next()
    {
        var device = _devices[_random.NextInt(0, _devices.Length)];
        var sample = DrawSample();
        var days = _random.Uniform(0.0, _options.Period.TotalDays);
        var takenAt = _options.Start + TimeSpan.FromDays(days);
        var temperature = device.SetPointC + _random.Normal(0.0, 0.15);
        var gain = device.GainAt(days);

        var rates = device.ShearRates();
        var stress = new double[rates.Length];
        var temperatureFactor = BloodRheology.TemperatureFactor(temperature);
        for (var i = 0; i < rates.Length; i++)
        {
            var trueStress = BloodRheology.Viscosity37(sample, rates[i]) * temperatureFactor * rates[i];
            var measured = (trueStress * gain * (1.0 + _random.Normal(0.0, _options.RelativeNoise * device.NoiseScale)))
                + _random.Normal(0.0, _options.AbsoluteNoiseMilliPascal * device.NoiseScale);
            stress[i] = Math.Max(measured, 0.0);
        }

        var fault = FaultInjector.Draw(_random, _options);
        FaultInjector.Apply(fault, stress, _random);

        double? hematocrit = _random.Chance(_options.HematocritReportedRate)
            ? Math.Round(sample.Hematocrit + _random.Normal(0.0, 0.01), 3)
            : null;
        var low = BloodRheology.Viscosity37(sample, ReferenceConditions.LowShearRate);
        var high = BloodRheology.Viscosity37(sample, ReferenceConditions.HighShearRate);
        var label = fault == FaultKind.None ? ClinicalThresholds.Classify(low, high) : ViscosityClass.InvalidSample;
        var sweep = new Sweep(
            $"sim-{_seed:x}-{_index++}",
            takenAt,
            Math.Round(temperature, 2),
            rates,
            stress,
            hematocrit,
            device.Firmware);
        return new SimulatedMeasurement(device.DeviceId, sweep, new GroundTruth(low, high, label, fault, sample, gain));
    }

    /// <summary>Produces <paramref name="count"/> sweeps.</summary>
    public IReadOnlyList<SimulatedMeasurement> Generate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var list = new SimulatedMeasurement[count];
        for (var i = 0; i < count; i++)
        {
            list[i] = Next();
        }

        return list;
    }

    // Population: mostly normal hematocrit, a share of raised and polycythaemic values; plasma viscosity normal
    // with a paraproteinaemic tail. Aggregation varies independently (fibrinogen), which moves low shear alone.
    private BloodSample DrawSample()
    {
        var u = _random.NextDouble();
        var hematocrit = u < 0.65
            ? _random.Normal(0.42, 0.05)
            : u < 0.88 ? _random.Normal(0.52, 0.04) : _random.Normal(0.61, 0.05);
        hematocrit = Math.Clamp(hematocrit, 0.2, 0.75);
        var plasma = _random.Chance(0.1) ? _random.Uniform(1.4, 1.7) : _random.ClampedNormal(1.25, 0.08, 1.1, 1.5);
        var aggregation = Math.Exp(_random.Normal(0.0, 0.2));
        var timeScale = Math.Exp(_random.Normal(0.0, 0.15));
        return new BloodSample(hematocrit, plasma, aggregation, timeScale);
    }

    private AnalyserProfile CreateDevice(int index)
    {
        var roomTemperature = _random.Chance(_options.RoomTemperatureDeviceRate);
        var setPoint = roomTemperature ? _random.Uniform(22.0, 26.0) : 37.0 + _random.Normal(0.0, 0.2);
        var driftPerDay = _random.Normal(0.0, _options.GainDriftPerYear) / 365.0;
        var firmware = $"2.{_random.NextInt(3, 6)}.{_random.NextInt(0, 10)}";
        return new AnalyserProfile(
            $"sim-analyser-{index:D3}",
            firmware,
            _random.NextInt(8, 13),
            _random.Uniform(0.8, 2.0),
            _random.Uniform(300.0, 450.0),
            setPoint,
            1.0 + _random.Normal(0.0, _options.InitialGainError),
            driftPerDay,
            Math.Clamp(Math.Exp(_random.Normal(0.0, _options.DeviceNoiseSpread)), 0.5, 3.0));
    }
}
