using Visco.Model.Features;

namespace Visco.Grains.Measurements;

/// <summary>The error codes of a refused measurement, as devices see them in the error result. Stable strings.</summary>
internal static class MeasurementErrorCodes
{
    public const string PayloadTooLarge = "payload-too-large";
    public const string InvalidJson = "invalid-json";
    public const string MissingField = "missing-field";
    public const string InvalidField = "invalid-field";
    public const string UnsupportedSchemaVersion = "unsupported-schema-version";
    public const string NotRegistered = "not-registered";
    public const string Revoked = "revoked";
    public const string WrongHospital = "wrong-hospital";
    public const string Busy = "busy";
    public const string Failed = "failed";

    /// <summary>The code of a sweep validation error (the enum name in kebab case).</summary>
    public static string Of(SweepValidationError error) => error switch
    {
        SweepValidationError.MissingData => "missing-data",
        SweepValidationError.LengthMismatch => "length-mismatch",
        SweepValidationError.TooFewPoints => "too-few-points",
        SweepValidationError.TooManyPoints => "too-many-points",
        SweepValidationError.NonFiniteValue => "non-finite-value",
        SweepValidationError.NonPositiveShearRate => "non-positive-shear-rate",
        SweepValidationError.NonMonotonicShearRate => "non-monotonic-shear-rate",
        SweepValidationError.NegativeShearStress => "negative-shear-stress",
        SweepValidationError.TemperatureOutOfRange => "temperature-out-of-range",
        SweepValidationError.HematocritOutOfRange => "hematocrit-out-of-range",
        _ => "invalid-sweep",
    };
}
