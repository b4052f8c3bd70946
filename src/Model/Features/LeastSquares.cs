namespace Visco.Model.Features;

/// <summary>
/// Closed-form least squares on a handful of points. Sweeps have 5-64 points, so solving the normal equations
/// directly is both exact enough and far cheaper than an iterative optimiser (the hot path budget is microseconds).
/// </summary>
internal static class LeastSquares
{
    /// <summary>Fits y = intercept + slope * x.</summary>
    public static (double Intercept, double Slope) Line(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var n = x.Length;
        double sx = 0, sy = 0;
        for (var i = 0; i < n; i++)
        {
            sx += x[i];
            sy += y[i];
        }

        var mx = sx / n;
        var my = sy / n;
        double sxx = 0, sxy = 0;
        for (var i = 0; i < n; i++)
        {
            var dx = x[i] - mx;
            sxx += dx * dx;
            sxy += dx * (y[i] - my);
        }

        var slope = sxx > 0 ? sxy / sxx : 0.0;
        return (my - (slope * mx), slope);
    }

    /// <summary>
    /// Fits y = c0 + c1 * (x - center) + c2 * (x - center)^2 with center = mean(x); centring keeps the 3x3 system
    /// well conditioned.
    /// </summary>
    public static (double C0, double C1, double C2, double Center) Quadratic(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var n = x.Length;
        double center = 0;
        for (var i = 0; i < n; i++)
        {
            center += x[i];
        }

        center /= n;
        double s1 = 0, s2 = 0, s3 = 0, s4 = 0, t0 = 0, t1 = 0, t2 = 0;
        for (var i = 0; i < n; i++)
        {
            var d = x[i] - center;
            var d2 = d * d;
            s1 += d;
            s2 += d2;
            s3 += d2 * d;
            s4 += d2 * d2;
            t0 += y[i];
            t1 += y[i] * d;
            t2 += y[i] * d2;
        }

        // Cramer's rule on [[n, s1, s2], [s1, s2, s3], [s2, s3, s4]] * c = [t0, t1, t2].
        double s0 = n;
        var det = Det(s0, s1, s2, s1, s2, s3, s2, s3, s4);
        if (Math.Abs(det) < 1e-12)
        {
            var (a, b) = Line(x, y);
            return (a + (b * center), b, 0.0, center);
        }

        var c0 = Det(t0, s1, s2, t1, s2, s3, t2, s3, s4) / det;
        var c1 = Det(s0, t0, s2, s1, t1, s3, s2, t2, s4) / det;
        var c2 = Det(s0, s1, t0, s1, s2, t1, s2, s3, t2) / det;
        return (c0, c1, c2, center);
    }

    private static double Det(double a, double b, double c, double d, double e, double f, double g, double h, double i) =>
        (a * ((e * i) - (f * h))) - (b * ((d * i) - (f * g))) + (c * ((d * h) - (e * g)));
}
