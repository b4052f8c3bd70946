using Visco.Model.Simulation;

namespace Visco.Model.Tests;

public sealed class BloodSimulatorTests
{
    [Fact]
    public void Generate_SameSeed_SameSweeps()
    {
        var a = new BloodSimulator(42).Generate(300);
        var b = new BloodSimulator(42).Generate(300);
        for (var i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i].Sweep.SampleId, b[i].Sweep.SampleId);
            Assert.Equal(a[i].Sweep.TakenAt, b[i].Sweep.TakenAt);
            Assert.Equal(a[i].Sweep.TemperatureC, b[i].Sweep.TemperatureC);
            Assert.Equal(a[i].Sweep.ShearRate, b[i].Sweep.ShearRate);
            Assert.Equal(a[i].Sweep.ShearStress, b[i].Sweep.ShearStress);
            Assert.Equal(a[i].Sweep.Hematocrit, b[i].Sweep.Hematocrit);
            Assert.Equal(a[i].Truth, b[i].Truth);
        }
    }

    [Fact]
    public void Generate_OtherSeed_OtherSweeps()
    {
        var a = new BloodSimulator(1).Generate(10);
        var b = new BloodSimulator(2).Generate(10);
        Assert.NotEqual(a[0].Sweep.ShearStress, b[0].Sweep.ShearStress);
    }

    [Fact]
    public void Generate_Defaults_ProducesEveryClassAndPlausibleSweeps()
    {
        var sweeps = new BloodSimulator(7).Generate(5000);
        foreach (var cls in Enum.GetValues<ViscosityClass>())
        {
            Assert.Contains(sweeps, s => s.Truth.Class == cls);
        }

        foreach (var s in sweeps)
        {
            Assert.InRange(s.Sweep.ShearRate.Length, 8, 12);
            Assert.InRange(s.Sweep.ShearRate[0], 0.8, 2.0);
            Assert.InRange(s.Sweep.ShearRate[^1], 300, 450);
            Assert.InRange(s.Truth.Sample.PlasmaViscosity37, 1.1, 1.7);
            Assert.Equal(s.Truth.Fault != FaultKind.None, s.Truth.Class == ViscosityClass.InvalidSample);
        }
    }

    [Fact]
    public void Generate_NoFaultRates_NoInvalidSamples()
    {
        var options = new SimulatorOptions { AirBubbleRate = 0, ClotRate = 0, UnderFilledRate = 0 };
        Assert.DoesNotContain(new BloodSimulator(3, options).Generate(2000), s => s.Truth.Class == ViscosityClass.InvalidSample);
    }

    [Fact]
    public void Generate_OnlyClots_AllClots()
    {
        var options = new SimulatorOptions { AirBubbleRate = 0, ClotRate = 1, UnderFilledRate = 0 };
        Assert.All(new BloodSimulator(3, options).Generate(200), s => Assert.Equal(FaultKind.Clot, s.Truth.Fault));
    }

    [Fact]
    public void Constructor_BadRates_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BloodSimulator(1, new SimulatorOptions { ClotRate = 1.5 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BloodSimulator(1, new SimulatorOptions { ClotRate = 0.6, AirBubbleRate = 0.6 }));
    }

    [Fact]
    public void Generate_Drift_GainMovesOverTime()
    {
        var options = new SimulatorOptions { DeviceCount = 1, GainDriftPerYear = 0.2, InitialGainError = 0 };
        var sweeps = new BloodSimulator(5, options).Generate(200).OrderBy(s => s.Sweep.TakenAt).ToList();
        Assert.NotEqual(sweeps[0].Truth.CalibrationGain, sweeps[^1].Truth.CalibrationGain, 3);
    }
}
