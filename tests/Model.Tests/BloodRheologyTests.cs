using Visco.Model.Simulation;

namespace Visco.Model.Tests;

public sealed class BloodRheologyTests
{
    private static readonly BloodSample Typical = new(0.45, BloodRheology.ReferencePlasmaViscosity, 1.0, 1.0);

    [Fact]
    public void Viscosity_ReferenceSample_EqualsChoKensey()
    {
        foreach (var rate in new[] { 0.1, 1.0, 5.0, 100.0, 300.0 })
        {
            Assert.Equal(CarreauYasuda.ChoKensey1991.Viscosity(rate), BloodRheology.Viscosity37(Typical, rate), 10);
        }
    }

    [Fact]
    public void Viscosity_RisingShearRate_Decreases()
    {
        var previous = double.PositiveInfinity;
        foreach (var rate in Sweeps.LogSpaced(0.5, 1000, 30))
        {
            var mu = BloodRheology.Viscosity(Typical, rate, 37.0);
            Assert.True(mu < previous, $"viscosity at {rate} did not fall");
            previous = mu;
        }

        Assert.InRange(BloodRheology.Viscosity37(Typical, 1e6), 3.45, 3.6);
    }

    [Theory]
    [InlineData(5.0)]
    [InlineData(300.0)]
    public void Viscosity_HigherHematocrit_Rises(double rate)
    {
        var previous = 0.0;
        foreach (var hct in new[] { 0.25, 0.35, 0.45, 0.55, 0.65 })
        {
            var mu = BloodRheology.Viscosity37(Typical with { Hematocrit = hct }, rate);
            Assert.True(mu > previous);
            previous = mu;
        }
    }

    [Fact]
    public void Viscosity_Hematocrit_MattersMoreAtLowShear()
    {
        var high = Typical with { Hematocrit = 0.6 };
        var lowShearRatio = BloodRheology.Viscosity37(high, 5) / BloodRheology.Viscosity37(Typical, 5);
        var highShearRatio = BloodRheology.Viscosity37(high, 300) / BloodRheology.Viscosity37(Typical, 300);
        Assert.True(lowShearRatio > highShearRatio);
    }

    [Fact]
    public void Viscosity_HigherTemperature_Falls()
    {
        var cold = BloodRheology.Viscosity(Typical, 100, 20);
        var body = BloodRheology.Viscosity(Typical, 100, 37);
        var fever = BloodRheology.Viscosity(Typical, 100, 40);
        Assert.True(cold > body && body > fever);
        Assert.Equal(1.0, BloodRheology.TemperatureFactor(37.0), 12);

        // About 2 % per degree near body temperature.
        Assert.InRange(BloodRheology.TemperatureFactor(36.0), 1.018, 1.026);
    }

    [Fact]
    public void Viscosity_ProportionalToPlasmaViscosity()
    {
        var thick = Typical with { PlasmaViscosity37 = 2 * Typical.PlasmaViscosity37 };
        Assert.Equal(2 * BloodRheology.Viscosity37(Typical, 50), BloodRheology.Viscosity37(thick, 50), 10);
    }

    [Fact]
    public void Classify_Thresholds_GiveClasses()
    {
        Assert.Equal(ViscosityClass.Normal, ClinicalThresholds.Classify(12, 4.2));
        Assert.Equal(ViscosityClass.Elevated, ClinicalThresholds.Classify(12, 6.0));
        Assert.Equal(ViscosityClass.Elevated, ClinicalThresholds.Classify(20, 4.2));
        Assert.Equal(ViscosityClass.Hyperviscous, ClinicalThresholds.Classify(12, 7.5));
        Assert.Equal(ViscosityClass.Hyperviscous, ClinicalThresholds.Classify(35, 5.0));
    }
}
