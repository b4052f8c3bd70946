namespace Visco.Model;

/// <summary>The clinical class of a sample. Numbered explicitly because the values are persisted in model files.</summary>
public enum ViscosityClass
{
    /// <summary>Viscosity inside the reference range.</summary>
    Normal = 0,

    /// <summary>Viscosity above the reference range but below the hyperviscosity threshold.</summary>
    Elevated = 1,

    /// <summary>Viscosity at or above the hyperviscosity threshold.</summary>
    Hyperviscous = 2,

    /// <summary>The measurement is unusable (air bubble, clot, under-filled cell, or malformed data).</summary>
    InvalidSample = 3,
}
