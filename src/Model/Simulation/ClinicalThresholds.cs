namespace Visco.Model.Simulation;

/// <summary>
/// Class boundaries on whole-blood viscosity at 37 °C, for this synthetic demonstration only. The high-shear
/// reference range of roughly 3.5-5.5 mPa·s follows published whole-blood reference ranges (Baskurt and Meiselman
/// 2003, "Blood rheology and hemodynamics", Semin Thromb Hemost 29:435; Cowan et al. 2012 for the Rheolog 300 1/s
/// and 5 1/s convention). The hyperviscous boundary is set where polycythaemic blood (hematocrit above about 0.57)
/// lands in the simulator. These are not clinical decision limits.
/// </summary>
public static class ClinicalThresholds
{
    /// <summary>Upper limit of normal at high shear (300 1/s), mPa·s.</summary>
    public const double ElevatedHighShear = 5.5;

    /// <summary>Hyperviscous at or above this high-shear (300 1/s) viscosity, mPa·s.</summary>
    public const double HyperviscousHighShear = 7.0;

    /// <summary>Upper limit of normal at low shear (5 1/s), mPa·s.</summary>
    public const double ElevatedLowShear = 18.0;

    /// <summary>Hyperviscous at or above this low-shear (5 1/s) viscosity, mPa·s.</summary>
    public const double HyperviscousLowShear = 30.0;

    /// <summary>Classifies true viscosities (mPa·s at 37 °C) of a sound measurement.</summary>
    public static ViscosityClass Classify(double lowShear, double highShear)
    {
        if (highShear >= HyperviscousHighShear || lowShear >= HyperviscousLowShear)
        {
            return ViscosityClass.Hyperviscous;
        }

        return highShear >= ElevatedHighShear || lowShear >= ElevatedLowShear ? ViscosityClass.Elevated : ViscosityClass.Normal;
    }
}
