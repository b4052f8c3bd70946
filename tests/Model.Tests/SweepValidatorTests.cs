using Visco.Model.Features;

namespace Visco.Model.Tests;

public sealed class SweepValidatorTests
{
    private static Sweep Good() => Sweeps.FromLaw(r => 5 * r, hematocrit: 0.44);

    public static TheoryData<string, SweepValidationError> BadSweeps() => new()
    {
        { "no-sample-id", SweepValidationError.MissingData },
        { "null-rates", SweepValidationError.MissingData },
        { "length-mismatch", SweepValidationError.LengthMismatch },
        { "too-few", SweepValidationError.TooFewPoints },
        { "too-many", SweepValidationError.TooManyPoints },
        { "nan-stress", SweepValidationError.NonFiniteValue },
        { "infinite-rate", SweepValidationError.NonFiniteValue },
        { "nan-temperature", SweepValidationError.NonFiniteValue },
        { "zero-rate", SweepValidationError.NonPositiveShearRate },
        { "negative-rate", SweepValidationError.NonPositiveShearRate },
        { "descending-rate", SweepValidationError.NonMonotonicShearRate },
        { "repeated-rate", SweepValidationError.NonMonotonicShearRate },
        { "negative-stress", SweepValidationError.NegativeShearStress },
        { "boiling", SweepValidationError.TemperatureOutOfRange },
        { "frozen", SweepValidationError.TemperatureOutOfRange },
        { "hematocrit-percent", SweepValidationError.HematocritOutOfRange },
        { "hematocrit-nan", SweepValidationError.NonFiniteValue },
    };

    private static Sweep Make(string kind)
    {
        var s = Good();
        switch (kind)
        {
            case "no-sample-id": return s with { SampleId = " " };
            case "null-rates": return s with { ShearRate = null! };
            case "length-mismatch": return s with { ShearStress = s.ShearStress[..^1] };
            case "too-few": return s with { ShearRate = s.ShearRate[..4], ShearStress = s.ShearStress[..4] };
            case "too-many": return Sweeps.FromLaw(r => r, count: 65);
            case "nan-stress": s.ShearStress[3] = double.NaN; return s;
            case "infinite-rate": s.ShearRate[9] = double.PositiveInfinity; return s;
            case "nan-temperature": return s with { TemperatureC = double.NaN };
            case "zero-rate": s.ShearRate[0] = 0; return s;
            case "negative-rate": s.ShearRate[0] = -1; return s;
            case "descending-rate": Array.Reverse(s.ShearRate); return s;
            case "repeated-rate": s.ShearRate[5] = s.ShearRate[4]; return s;
            case "negative-stress": s.ShearStress[2] = -0.5; return s;
            case "boiling": return s with { TemperatureC = 95 };
            case "frozen": return s with { TemperatureC = -4 };
            case "hematocrit-percent": return s with { Hematocrit = 45 };
            case "hematocrit-nan": return s with { Hematocrit = double.NaN };
            default: throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    [Fact]
    public void Validate_GoodSweep_IsValid()
    {
        var result = SweepValidator.Validate(Good());
        Assert.True(result.IsValid);
        Assert.Equal(SweepValidationError.None, result.Error);
    }

    [Theory]
    [MemberData(nameof(BadSweeps))]
    public void Validate_BadSweep_ReportsReason(string kind, SweepValidationError expected)
    {
        var result = SweepValidator.Validate(Make(kind));
        Assert.False(result.IsValid);
        Assert.Equal(expected, result.Error);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
    }

    [Fact]
    public void Validate_Null_IsMissingData()
    {
        Assert.Equal(SweepValidationError.MissingData, SweepValidator.Validate(null).Error);
    }

    [Fact]
    public void Validate_DescendingRate_NamesThePoint()
    {
        var s = Good();
        s.ShearRate[6] = s.ShearRate[5] / 2;
        var result = SweepValidator.Validate(s);
        Assert.Contains("point 6", result.Message, StringComparison.Ordinal);
    }
}
