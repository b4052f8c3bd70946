using Visco.Retraining.Bench;

// dotnet run -c Release --project bench/Retraining.Bench -- archive [events] [hospitals]
// dotnet run -c Release --project bench/Retraining.Bench -- retrain [rows]
return args.FirstOrDefault() switch
{
    "archive" => await ArchiveBench.RunAsync(Arg(1, 20_000), Arg(2, 4)),
    "retrain" => await RetrainBench.RunAsync(Arg(1, 1_000_000)),
    _ => Usage(),
};

int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], System.Globalization.CultureInfo.InvariantCulture) : fallback;

static int Usage()
{
    Console.Error.WriteLine("usage: Retraining.Bench archive [events] [hospitals] | retrain [rows]");
    return 1;
}
