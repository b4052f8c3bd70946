namespace Visco.Model.Features;

/// <summary>Why a sweep cannot be used. Numbered explicitly: the values are reported to devices and stored.</summary>
public enum SweepValidationError
{
    /// <summary>The sweep is usable.</summary>
    None = 0,

    /// <summary>Sample id, shear rates or shear stresses are missing.</summary>
    MissingData = 1,

    /// <summary>Shear-rate and shear-stress arrays differ in length.</summary>
    LengthMismatch = 2,

    /// <summary>Too few points to fit a flow curve.</summary>
    TooFewPoints = 3,

    /// <summary>More points than any analyser sends.</summary>
    TooManyPoints = 4,

    /// <summary>A NaN or infinite value.</summary>
    NonFiniteValue = 5,

    /// <summary>A shear rate of zero or below.</summary>
    NonPositiveShearRate = 6,

    /// <summary>Shear rates not strictly increasing.</summary>
    NonMonotonicShearRate = 7,

    /// <summary>A negative shear stress.</summary>
    NegativeShearStress = 8,

    /// <summary>A temperature no analyser can measure blood at.</summary>
    TemperatureOutOfRange = 9,

    /// <summary>A hematocrit outside the fraction range of blood (a percentage sent as 45 lands here).</summary>
    HematocritOutOfRange = 10,
}
