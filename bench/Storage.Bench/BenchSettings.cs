using System.Globalization;

namespace Visco.Storage.Bench;

/// <summary>Command-line settings: <c>[sqlite|postgres] [--writers N] [--seconds S] [--size B] [--batch N] [--loops N] [--normal-sync] [--inline-checkpoints] [--rate N | --sweep] [--pool-writer] [--path F] [--connection CS]</c>.</summary>
public sealed class BenchSettings
{
    /// <summary>"sqlite" or "postgres".</summary>
    public string Provider { get; private set; } = "sqlite";

    /// <summary>Concurrent state writers, each on its own grain.</summary>
    public int Writers { get; private set; } = 1000;

    /// <summary>Measured seconds of the state-write phase (after a 2 s warm-up).</summary>
    public int Seconds { get; private set; } = 10;

    /// <summary>Bytes per state write and per stream event.</summary>
    public int Size { get; private set; } = 200;

    /// <summary>Maximum batch size of the store.</summary>
    public int Batch { get; private set; } = 1024;

    /// <summary>PostgreSQL state writer loops.</summary>
    public int Loops { get; private set; } = 4;

    /// <summary>SQLite synchronous=NORMAL instead of FULL (for comparison only).</summary>
    public bool NormalSync { get; private set; }

    /// <summary>SQLite: checkpoint inside commits (SQLite's default) instead of on a background connection.</summary>
    public bool InlineCheckpoints { get; private set; }

    /// <summary>Open loop: state writes per second at a fixed rate instead of the closed loop (0: closed loop).</summary>
    public int Rate { get; private set; }

    /// <summary>Closed loop, then open loop at 50% and 80% of the capacity it measured.</summary>
    public bool Sweep { get; private set; }

    /// <summary>SQLite: the writer as an async loop on the thread pool instead of its own thread (for comparison).</summary>
    public bool PoolWriter { get; private set; }

    /// <summary>SQLite database file.</summary>
    public string Path { get; private set; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "visco-bench", "bench.db");

    /// <summary>PostgreSQL connection string.</summary>
    public string Connection { get; private set; } =
        Environment.GetEnvironmentVariable("VISCO_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=visco;Password=visco;Database=visco_test";

    /// <summary>Parses the arguments; throws with usage on anything unknown.</summary>
    public static BenchSettings Parse(string[] args)
    {
        var settings = new BenchSettings();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "sqlite" or "postgres": settings.Provider = args[i]; break;
                case "--writers": settings.Writers = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--seconds": settings.Seconds = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--size": settings.Size = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--batch": settings.Batch = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--loops": settings.Loops = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--inline-checkpoints": settings.InlineCheckpoints = true; break;
                case "--normal-sync": settings.NormalSync = true; break;
                case "--path": settings.Path = Next(); break;
                case "--rate": settings.Rate = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--sweep": settings.Sweep = true; break;
                case "--pool-writer": settings.PoolWriter = true; break;
                case "--connection": settings.Connection = Next(); break;
                default:
                    throw new ArgumentException(
                        $"unknown argument '{args[i]}'. Usage: [sqlite|postgres] [--writers N] [--seconds S] [--size B] [--batch N] [--loops N] [--normal-sync] [--inline-checkpoints] [--rate N | --sweep] [--pool-writer] [--path F] [--connection CS]");
            }
        }

        return settings;
    }
}
