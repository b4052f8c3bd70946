using System.Globalization;

namespace Visco.E2E.Bench;

/// <summary>Command-line settings of the end-to-end benchmark.</summary>
internal sealed record BenchOptions
{
    public const string DefaultPostgres = "Host=127.0.0.1;Port=5432;Username=visco;Password=visco;Database=visco_test;Timeout=5";

    /// <summary>sqlite or postgres (ignored with <see cref="Target"/>).</summary>
    public string Provider { get; init; } = "sqlite";

    /// <summary>A server to create the fresh per-run database on (its Database is the one connected to for that).</summary>
    public string Postgres { get; init; } = DefaultPostgres;

    /// <summary>The silo's entry assembly.</summary>
    public string SiloDll { get; init; } = "src/Silo/bin/Release/net10.0/Visco.Silo.dll";

    /// <summary>host:port of a running silo's MQTT listener instead of starting one (needs <see cref="Credentials"/>).</summary>
    public string? Target { get; init; }

    /// <summary>The credentials folder of the devices of <see cref="Target"/>.</summary>
    public string? Credentials { get; init; }

    /// <summary>The running silo's process id, for its CPU figure (with <see cref="Target"/>).</summary>
    public int? SiloPid { get; init; }

    public int Devices { get; init; } = 1000;

    public int Hospitals { get; init; } = 10;

    /// <summary>Measurements per second in total; 0 = flat out.</summary>
    public double Rate { get; init; }

    /// <summary>Flat out: publishes in flight per device.</summary>
    public int Window { get; init; } = 2;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Load before the measured window. Tiered compilation (tier 0, instrumented, tier 1) of the silo's hot paths takes
    /// 30-40 s under full load on two cores and costs ~11 % of the silo's CPU while it runs: a shorter warm-up measures
    /// the JIT, not the steady state a silo spends its days in.
    /// </summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(40);

    public int Runs { get; init; } = 3;

    /// <summary>Persistent sessions (what the analyser agent uses: results queued while offline) or clean ones.</summary>
    public bool Persistent { get; init; } = true;

    /// <summary>Keep the temp data directory after the run.</summary>
    public bool Keep { get; init; }

    /// <summary>Extra configuration switches for the silo (e.g. --Visco:Mqtt:PublishesPerSecond=1000).</summary>
    public IReadOnlyList<string> SiloArgs { get; init; } = [];

    public static BenchOptions Parse(string[] args)
    {
        string? Get(string name)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
        }

        static double Number(string? text, double fallback) => text is null ? fallback : double.Parse(text, CultureInfo.InvariantCulture);

        var options = new BenchOptions
        {
            Provider = Get("--provider") ?? "sqlite",
            Postgres = Get("--pg") ?? Environment.GetEnvironmentVariable("VISCO_TEST_POSTGRES") ?? DefaultPostgres,
            SiloDll = Get("--silo") ?? "src/Silo/bin/Release/net10.0/Visco.Silo.dll",
            Target = Get("--target"),
            Credentials = Get("--credentials"),
            SiloPid = Get("--silo-pid") is { } pid ? int.Parse(pid, CultureInfo.InvariantCulture) : null,
            Devices = (int)Number(Get("--devices"), 1000),
            Hospitals = (int)Number(Get("--hospitals"), 10),
            Rate = Number(Get("--rate"), 0),
            Window = (int)Number(Get("--window"), 2),
            Duration = TimeSpan.FromSeconds(Number(Get("--seconds"), 10)),
            Warmup = TimeSpan.FromSeconds(Number(Get("--warmup"), 40)),
            Runs = (int)Number(Get("--runs"), 3),
            Persistent = Get("--session") is not "clean",
            Keep = args.Contains("--keep"),
            SiloArgs = [.. args.Where(a => a.StartsWith("--Visco:", StringComparison.Ordinal) || a.StartsWith("--Logging:", StringComparison.Ordinal))],
        };
        if (options.Provider is not ("sqlite" or "postgres"))
        {
            throw new ArgumentException("--provider must be sqlite or postgres");
        }

        if (options.Target is not null && options.Credentials is null)
        {
            throw new ArgumentException("--target needs --credentials (the folder register-devices wrote)");
        }

        if (options.Hospitals < 1 || options.Devices < options.Hospitals || options.Window < 1)
        {
            throw new ArgumentException("need --devices >= --hospitals >= 1 and --window >= 1");
        }

        return options;
    }

    /// <summary>One line naming the configuration.</summary>
    public string Describe() =>
        $"{(Target is null ? Provider : "target " + Target)}, {Devices} devices / {Hospitals} hospitals, "
        + (Rate > 0 ? $"paced {Rate:F0}/s" : $"flat out (window {Window})")
        + $", {(Persistent ? "persistent" : "clean")} sessions, {Duration.TotalSeconds:F0} s after {Warmup.TotalSeconds:F0} s warm-up";
}
