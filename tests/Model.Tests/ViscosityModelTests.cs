using Visco.Model.Features;
using Visco.Model.Simulation;

namespace Visco.Model.Tests;

public sealed class ViscosityModelTests(TrainedModelFixture fixture) : IClassFixture<TrainedModelFixture>
{
    [Fact]
    public void Predict_MalformedSweep_InvalidSampleWithReason()
    {
        var sweep = Sweeps.FromLaw(r => 5 * r) with { TemperatureC = 120 };
        var p = fixture.Model.Predict(sweep);
        Assert.Equal(ViscosityClass.InvalidSample, p.Class);
        Assert.Equal(SweepValidationError.TemperatureOutOfRange, p.ValidationError);
        Assert.Contains(PredictionFlags.InvalidInput, p.Flags);
        Assert.Null(p.HighShearViscosity37);
        Assert.Equal("test-1", p.ModelVersion);
    }

    [Fact]
    public void Predict_HealthySample_NormalWithPlausibleViscosity()
    {
        var sample = new BloodSample(0.42, 1.25, 1.0, 1.0);
        var sweep = Sweeps.FromLaw(r => BloodRheology.Viscosity37(sample, r) * r, hematocrit: 0.42);
        var p = fixture.Model.Predict(sweep);
        Assert.Equal(ViscosityClass.Normal, p.Class);
        Assert.InRange(p.Confidence, 0.9, 1.0);
        Assert.Equal(BloodRheology.Viscosity37(sample, 300), p.HighShearViscosity37!.Value, 0.1);
        Assert.Equal(BloodRheology.Viscosity37(sample, 5), p.LowShearViscosity37!.Value, 0.5);
        Assert.Empty(p.Flags);
    }

    [Fact]
    public void Predict_PolycythaemicSample_Hyperviscous()
    {
        var sample = new BloodSample(0.66, 1.3, 1.0, 1.0);
        var p = fixture.Model.Predict(Sweeps.FromLaw(r => BloodRheology.Viscosity37(sample, r) * r));
        Assert.Equal(ViscosityClass.Hyperviscous, p.Class);
    }

    [Fact]
    public void Predict_ClottedSample_InvalidWithFlags()
    {
        var sample = new BloodSample(0.45, 1.25, 1.0, 1.0);
        var sweep = Sweeps.FromLaw(r => BloodRheology.Viscosity37(sample, r) * r);
        sweep.ShearStress[0] *= 8;
        sweep.ShearStress[1] *= 4;
        sweep.ShearStress[6] *= 3;
        var p = fixture.Model.Predict(sweep);
        Assert.Equal(ViscosityClass.InvalidSample, p.Class);
        Assert.Null(p.LowShearViscosity37);
        Assert.Contains(PredictionFlags.FitResidualHigh, p.Flags);
        Assert.Contains(PredictionFlags.NonMonotonicStress, p.Flags);
    }

    [Fact]
    public void Predict_RoomTemperatureShortSweep_FlagsConditions()
    {
        var sample = new BloodSample(0.45, 1.25, 1.0, 1.0);
        var rates = Sweeps.LogSpaced(8, 200, 8);
        var stress = rates.Select(r => BloodRheology.Viscosity(sample, r, 24) * r).ToArray();
        var p = fixture.Model.Predict(new Sweep("rt", DateTimeOffset.UnixEpoch, 24, rates, stress));
        Assert.Contains(PredictionFlags.TemperatureOutOfRange, p.Flags);
        Assert.Contains(PredictionFlags.LowShearExtrapolated, p.Flags);
        Assert.Contains(PredictionFlags.HighShearExtrapolated, p.Flags);
    }

    [Fact]
    public void Predict_SameSweepTwice_SameAnswer()
    {
        var sweep = new BloodSimulator(9).Next().Sweep;
        Assert.Equal(fixture.Model.Predict(sweep) with { Flags = [] }, fixture.Model.Predict(sweep) with { Flags = [] });
    }
}
