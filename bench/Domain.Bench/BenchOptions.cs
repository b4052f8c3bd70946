using System.Globalization;

namespace Visco.Domain.Bench;

/// <summary>Command-line settings of the benchmark.</summary>
internal sealed record BenchOptions(
    string Provider, string? PostgresConnectionString, int Devices, int Hospitals, TimeSpan Duration, int Rate, bool FullSync, bool NullResults)
{
    public static BenchOptions Parse(string[] args)
    {
        string Get(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }

        var provider = Get("--provider", "sqlite");
        if (provider is not ("sqlite" or "postgres"))
        {
            throw new ArgumentException("--provider must be sqlite or postgres");
        }

        return new BenchOptions(
            provider,
            Get("--pg", Environment.GetEnvironmentVariable("VISCO_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=visco;Password=visco;Database=visco_test;Timeout=5"),
            int.Parse(Get("--devices", "1000"), CultureInfo.InvariantCulture),
            int.Parse(Get("--hospitals", "20"), CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(double.Parse(Get("--seconds", "10"), CultureInfo.InvariantCulture)),
            int.Parse(Get("--rate", "0"), CultureInfo.InvariantCulture),
            !args.Contains("--normal-sync"),
            args.Contains("--null-results"));
    }
}
