namespace Visco.Model.Simulation;

/// <summary>
/// Carreau-Yasuda viscosity law, mu(rate) = muInf + (mu0 - muInf) * (1 + (lambda * rate)^a)^((n - 1) / a).
/// </summary>
/// <param name="MuInfinity">Viscosity at infinite shear in mPa·s.</param>
/// <param name="MuZero">Viscosity at zero shear in mPa·s.</param>
/// <param name="Lambda">Time constant in s.</param>
/// <param name="N">Power-law index.</param>
/// <param name="A">Yasuda transition parameter.</param>
public sealed record CarreauYasuda(double MuInfinity, double MuZero, double Lambda, double N, double A)
{
    /// <summary>
    /// Whole blood at 37 °C and a hematocrit of about 45 %, as fitted by Cho and Kensey (1991), "Effects of the
    /// non-Newtonian viscosity of blood on flows in a diseased arterial vessel", Biorheology 28:241-262.
    /// </summary>
    public static CarreauYasuda ChoKensey1991 { get; } = new(3.45, 56.0, 3.313, 0.3568, 2.0);

    /// <summary>Viscosity in mPa·s at the given shear rate (1/s).</summary>
    public double Viscosity(double shearRate) =>
        MuInfinity + ((MuZero - MuInfinity) * ThinningFraction(shearRate));

    /// <summary>
    /// The shear-dependent part, (1 + (lambda * rate)^a)^((n - 1) / a): 1 at rest, falling towards 0 as the
    /// red-cell aggregates break up.
    /// </summary>
    public double ThinningFraction(double shearRate) =>
        Math.Pow(1.0 + Math.Pow(Lambda * shearRate, A), (N - 1.0) / A);
}
