namespace Visco.Model.Simulation;

/// <summary>Applies a fault's signature to a sweep's stresses in place.</summary>
internal static class FaultInjector
{
    public static FaultKind Draw(SimulationRandom random, SimulatorOptions options)
    {
        var u = random.NextDouble();
        if (u < options.AirBubbleRate)
        {
            return FaultKind.AirBubble;
        }

        if (u < options.AirBubbleRate + options.ClotRate)
        {
            return FaultKind.Clot;
        }

        return u < options.AirBubbleRate + options.ClotRate + options.UnderFilledRate ? FaultKind.UnderFilledCell : FaultKind.None;
    }

    public static void Apply(FaultKind fault, Span<double> stress, SimulationRandom random)
    {
        switch (fault)
        {
            case FaultKind.AirBubble:
                ApplyAirBubble(stress, random);
                break;
            case FaultKind.Clot:
                ApplyClot(stress, random);
                break;
            case FaultKind.UnderFilledCell:
                ApplyUnderFill(stress, random);
                break;
            default:
                break;
        }
    }

    // A bubble breaks the liquid contact at some rates: those read low, and the whole sweep turns erratic.
    private static void ApplyAirBubble(Span<double> stress, SimulationRandom random)
    {
        var hits = random.NextInt(1, 4);
        for (var h = 0; h < hits; h++)
        {
            var i = random.NextInt(0, stress.Length);
            stress[i] *= random.Uniform(0.3, 0.75);
        }

        for (var i = 0; i < stress.Length; i++)
        {
            stress[i] *= 1.0 + random.Normal(0.0, 0.04);
        }
    }

    // A clot resists at rest (very high low-shear stress) and jams intermittently (spikes).
    private static void ApplyClot(Span<double> stress, SimulationRandom random)
    {
        var lowPoints = random.NextInt(1, 4);
        var factor = random.Uniform(3.0, 10.0);
        for (var i = 0; i < lowPoints; i++)
        {
            stress[i] *= factor;
            factor = 1.0 + ((factor - 1.0) * 0.5);
        }

        var spikes = random.NextInt(1, 3);
        for (var s = 0; s < spikes; s++)
        {
            var i = random.NextInt(lowPoints, stress.Length);
            stress[i] *= random.Uniform(1.5, 4.0);
        }
    }

    // Part of the sensing surface is dry: stress falls in proportion, and the partial wetting is unsteady.
    private static void ApplyUnderFill(Span<double> stress, SimulationRandom random)
    {
        var fill = random.Uniform(0.25, 0.55);
        for (var i = 0; i < stress.Length; i++)
        {
            stress[i] *= fill * (1.0 + random.Normal(0.0, 0.03));
        }
    }
}
