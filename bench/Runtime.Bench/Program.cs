using System.Diagnostics;
using System.Globalization;
using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Bench;
using Visco.Runtime.Hosting;
using Visco.Runtime.Storage.Memory;
using Visco.Runtime.Storage.Postgres;
using Visco.Runtime.Storage.Sqlite;

// Usage: dotnet run -c Release --project bench/Runtime.Bench -- calls|activations|state|streams [sqlite|postgres|memory] [seconds] [events per append] [one|batch]
//        ... -- streams-stuck sqlite|memory SECONDS [events per append]  (batch observers, plus a stuck subscriber on every stream)
//        ... -- state-rate sqlite|postgres SECONDS WRITES_PER_S      (open loop at a fixed rate)
//        ... -- state-sweep sqlite|postgres SECONDS                  (closed-loop capacity, then open loop at 50% and 80% of it)
var scenario = args.ElementAtOrDefault(0) ?? "calls";
var provider = args.ElementAtOrDefault(1) ?? "memory";
var seconds = double.Parse(args.ElementAtOrDefault(2) ?? "10", CultureInfo.InvariantCulture);
Console.WriteLine($"scenario={scenario} provider={provider} seconds={seconds} cores={Environment.ProcessorCount}");

// A producer's call publishes all its events, which on a loaded machine takes longer than the default 30 s timeout.
await using var silo = new SiloHost(OpenStore(provider), [typeof(EchoGrain).Assembly], new SiloOptions { CallTimeout = TimeSpan.FromMinutes(5) });
await silo.StartAsync();
switch (scenario)
{
    case "calls":
        await Scenarios.CallsAsync(silo, TimeSpan.FromSeconds(seconds));
        break;
    case "activations":
        await Scenarios.ActivationsAsync(silo, (int)(seconds * 100_000));
        break;
    case "state":
        await Scenarios.StateWritesAsync(silo, TimeSpan.FromSeconds(seconds));
        break;
    case "state-rate":
        await OpenLoop.RunAsync(silo, TimeSpan.FromSeconds(seconds), int.Parse(args[3], CultureInfo.InvariantCulture), "fixed rate");
        break;
    case "state-sweep":
        await OpenLoop.SweepAsync(silo, TimeSpan.FromSeconds(seconds), [0.5, 0.8]);
        break;
    case "streams-stuck":
        await Scenarios.StreamsAsync(silo, (int)(seconds * 20_000), int.Parse(args.ElementAtOrDefault(3) ?? "100", CultureInfo.InvariantCulture), batchObserver: true, stuckSubscriber: true);
        break;
    case "streams":
        await Scenarios.StreamsAsync(silo, (int)(seconds * 20_000), int.Parse(args.ElementAtOrDefault(3) ?? "1", CultureInfo.InvariantCulture),
            args.ElementAtOrDefault(4) == "batch");
        break;
    default:
        Console.Error.WriteLine("scenarios: calls, activations, state, state-rate, state-sweep, streams, streams-stuck");
        return 2;
}

return 0;

static IRuntimeStore OpenStore(string provider)
{
    var directory = Directory.CreateTempSubdirectory("visco-bench-").FullName;
    return provider switch
    {
        "sqlite" => new SqliteRuntimeStore(new SqliteStoreOptions { DatabasePath = Path.Combine(directory, "bench.db") }),
        "postgres" => new PostgresRuntimeStore(new PostgresStoreOptions
        {
            ConnectionString = Environment.GetEnvironmentVariable("VISCO_TEST_POSTGRES")
                ?? "Host=127.0.0.1;Port=5432;Username=visco;Password=visco;Database=visco_test",
            Schema = $"bench_{Guid.NewGuid():N}"[..20],
        }),
        _ => new MemoryRuntimeStore(),
    };
}
