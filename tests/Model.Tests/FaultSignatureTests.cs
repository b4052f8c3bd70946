using Visco.Model.Features;
using Visco.Model.Simulation;

namespace Visco.Model.Tests;

public sealed class FaultSignatureTests
{
    private static float[] Features(Sweep sweep)
    {
        var f = new float[FeatureIndex.Count];
        SweepFeatures.Extract(sweep, f);
        return f;
    }

    private static (float[] Clean, float[] Faulty) Pair(FaultKind fault, ulong seed)
    {
        var sample = new BloodSample(0.45, 1.25, 1.0, 1.0);
        var rates = Sweeps.LogSpaced(1, 400, 10);
        var stress = rates.Select(r => BloodRheology.Viscosity37(sample, r) * r).ToArray();
        var faulty = (double[])stress.Clone();
        FaultInjector.Apply(fault, faulty, new SimulationRandom(seed));
        var clean = new Sweep("c", DateTimeOffset.UnixEpoch, 37, rates, stress);
        return (Features(clean), Features(clean with { ShearStress = faulty }));
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    public void AirBubble_RaisesFitResidual(ulong seed)
    {
        var (clean, faulty) = Pair(FaultKind.AirBubble, seed);
        Assert.True(clean[FeatureIndex.FitMaxAbsResidual] < 0.02f);
        Assert.True(faulty[FeatureIndex.FitMaxAbsResidual] > 0.1f, $"residual {faulty[FeatureIndex.FitMaxAbsResidual]}");
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    public void Clot_RaisesLowShearAndBreaksMonotonicity(ulong seed)
    {
        var (clean, faulty) = Pair(FaultKind.Clot, seed);
        Assert.True(faulty[FeatureIndex.LnFirstViscosity] - clean[FeatureIndex.LnFirstViscosity] > Math.Log(2.5));
        Assert.Equal(0f, clean[FeatureIndex.ViscosityIncreases]);
        Assert.True(faulty[FeatureIndex.ViscosityIncreases] + faulty[FeatureIndex.StressDecreases] > 0 || faulty[FeatureIndex.MaxSlopeChange] > 0.5f);
    }

    [Fact]
    public void UnderFilled_ScalesStressDownStrongly()
    {
        var (clean, faulty) = Pair(FaultKind.UnderFilledCell, 4);
        var drop = clean[FeatureIndex.LnHighShearInterpolated] - faulty[FeatureIndex.LnHighShearInterpolated];
        Assert.InRange(drop, Math.Log(1 / 0.6), Math.Log(1 / 0.2));
        Assert.True(faulty[FeatureIndex.FitRmsResidual] > clean[FeatureIndex.FitRmsResidual]);
    }

    [Fact]
    public void None_LeavesStressUntouched()
    {
        var (clean, faulty) = Pair(FaultKind.None, 1);
        Assert.Equal(clean, faulty);
    }
}
