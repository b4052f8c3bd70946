namespace Visco.Grains.Interfaces.Measurements;

/// <summary>The class strings of a result (DESIGN.md section 5). Stable: devices, apps and stores match on them.</summary>
public static class ResultClasses
{
    /// <summary>Viscosity inside the reference range.</summary>
    public const string Normal = "normal";

    /// <summary>Above the reference range, below the hyperviscosity threshold.</summary>
    public const string Elevated = "elevated";

    /// <summary>At or above the hyperviscosity threshold.</summary>
    public const string Hyperviscous = "hyperviscous";

    /// <summary>The measurement is unusable (bubble, clot, under-filled cell).</summary>
    public const string InvalidSample = "invalid-sample";

    /// <summary>Every class, in the model's output order.</summary>
    public static IReadOnlyList<string> All { get; } = [Normal, Elevated, Hyperviscous, InvalidSample];
}
