using MathNet.Numerics;
using Visco.Model.Features;
using Visco.Model.Simulation;

namespace Visco.Model.Tests;

public sealed class SweepFeaturesTests
{
    private static float[] Extract(Sweep sweep)
    {
        var f = new float[FeatureIndex.Count];
        SweepFeatures.Extract(sweep, f);
        return f;
    }

    [Fact]
    public void Extract_PowerLawFluid_RecoversIndexAndViscosity()
    {
        const double k = 20.0, n = 0.7;
        var f = Extract(Sweeps.FromLaw(r => k * Math.Pow(r, n)));
        Assert.Equal(n, f[FeatureIndex.PowerLawIndex], 4);
        Assert.True(f[FeatureIndex.PowerLawRmsResidual] < 1e-5);
        Assert.Equal(Math.Log(k * Math.Pow(5, n - 1)), f[FeatureIndex.LnLowShearFit], 4);
        Assert.Equal(Math.Log(k * Math.Pow(300, n - 1)), f[FeatureIndex.LnHighShearFit], 4);
        Assert.Equal(Math.Log(k * Math.Pow(5, n - 1)), f[FeatureIndex.LnLowShearInterpolated], 4);
        Assert.Equal(0.0, f[FeatureIndex.FitCurvature], 4);
        Assert.Equal(n - 1, f[FeatureIndex.FitSlope], 4);
    }

    [Fact]
    public void Extract_CassonFluid_RecoversYieldStressAndViscosity()
    {
        const double yield = 9.0, cassonViscosity = 3.5;
        var f = Extract(Sweeps.FromLaw(r => Math.Pow(Math.Sqrt(yield) + Math.Sqrt(cassonViscosity * r), 2)));
        Assert.Equal(Math.Sqrt(yield), f[FeatureIndex.CassonIntercept], 3);
        Assert.Equal(cassonViscosity, f[FeatureIndex.CassonViscosity], 3);
        Assert.True(f[FeatureIndex.CassonRelativeResidual] < 1e-5);
    }

    [Fact]
    public void Extract_NewtonianAt25C_NormalisesTo37()
    {
        const double mu = 4.0;
        var f = Extract(Sweeps.FromLaw(r => mu * r, temperatureC: 25));
        var expected = Math.Log(mu / BloodRheology.TemperatureFactor(25));
        Assert.Equal(expected, f[FeatureIndex.LnHighShearFit], 4);
        Assert.Equal(expected, f[FeatureIndex.LnLowShearInterpolated], 4);
        Assert.Equal(25f, f[FeatureIndex.TemperatureC]);
    }

    [Fact]
    public void Extract_BloodCurve_MatchesMathNetPolynomialFit()
    {
        var sample = new BloodSample(0.5, 1.3, 1.1, 0.9);
        var sweep = Sweeps.FromLaw(r => BloodRheology.Viscosity37(sample, r) * r, count: 11);
        var f = Extract(sweep);
        var x = sweep.ShearRate.Select(r => Math.Log(r)).ToArray();
        var y = sweep.ShearRate.Select((r, i) => Math.Log(sweep.ShearStress[i] / r)).ToArray();
        var p = Fit.Polynomial(x, y, 2);
        Assert.Equal(Polynomial.Evaluate(Math.Log(5), p), f[FeatureIndex.LnLowShearFit], 4);
        Assert.Equal(Polynomial.Evaluate(Math.Log(300), p), f[FeatureIndex.LnHighShearFit], 4);
        Assert.Equal(p[2], f[FeatureIndex.FitCurvature], 4);

        // The interpolated value sits close to the true viscosity at the reference rate.
        Assert.Equal(Math.Log(BloodRheology.Viscosity37(sample, 300)), f[FeatureIndex.LnHighShearInterpolated], 0.005);
    }

    [Fact]
    public void Extract_NonMonotonicStress_CountsDecrease()
    {
        var sweep = Sweeps.FromLaw(r => 10 * r);
        sweep.ShearStress[4] = sweep.ShearStress[3] * 0.9;
        var f = Extract(sweep);
        Assert.Equal(1f, f[FeatureIndex.StressDecreases]);
        Assert.True(f[FeatureIndex.ViscosityIncreases] >= 1f);
    }

    [Fact]
    public void Extract_MissingHematocrit_UsesSentinel()
    {
        Assert.Equal(-1f, Extract(Sweeps.FromLaw(r => r))[FeatureIndex.Hematocrit]);
        Assert.Equal(0.41f, Extract(Sweeps.FromLaw(r => r, hematocrit: 0.41))[FeatureIndex.Hematocrit]);
    }

    [Fact]
    public void Extract_ZeroStress_StaysFinite()
    {
        var sweep = Sweeps.FromLaw(r => 10 * r);
        sweep.ShearStress[2] = 0;
        Assert.All(Extract(sweep), v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Schema_NamesEveryFeature()
    {
        Assert.Equal(FeatureIndex.Count, SweepFeatures.Schema.Count);
        Assert.Equal(SweepFeatures.Schema.Count, SweepFeatures.Schema.FeatureNames.Distinct().Count());
        Assert.Equal("visco-sweep/v1", SweepFeatures.Schema.Id);
    }
}
