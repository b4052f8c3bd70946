using Visco.Model;

namespace Visco.Model.Tests;

/// <summary>Builds sweeps from a known stress law.</summary>
internal static class Sweeps
{
    public static double[] LogSpaced(double min, double max, int count)
    {
        var rates = new double[count];
        for (var i = 0; i < count; i++)
        {
            rates[i] = Math.Exp(Math.Log(min) + ((Math.Log(max) - Math.Log(min)) * i / (count - 1)));
        }

        return rates;
    }

    public static Sweep FromLaw(Func<double, double> stress, double temperatureC = 37.0, int count = 10, double? hematocrit = null)
    {
        var rates = LogSpaced(1.0, 400.0, count);
        return new Sweep("test", DateTimeOffset.UnixEpoch, temperatureC, rates, rates.Select(stress).ToArray(), hematocrit);
    }
}
