using Spectre.Console;
using Visco.Retraining.Cli;
using Visco.Retraining.Tests.Hosting;

namespace Visco.Retraining.Tests;

public sealed class RetrainCommandLineTests
{
    [Fact]
    public async Task RunAsync_CorruptLake_ExitCodeTwoAndFileNamed()
    {
        using var lake = new SyntheticLake();
        await lake.AddAsync("h1", new DateOnly(2026, 11, 20), 300, 1, 1);
        var bad = await lake.AddAsync("h1", new DateOnly(2026, 11, 21), 10, 301, 2);
        await File.WriteAllBytesAsync(Path.Combine(lake.Root, bad), [0x50, 0x41, 0x52, 0x31]);
        using var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
        });

        var exit = await RetrainCommandLine.RunAsync(lake.Store, new RetrainingOptions(), console, CancellationToken.None);

        Assert.Equal(RetrainCommandLine.Refused, exit);
        Assert.Contains("refused", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("part-00000000000000000301-00000000000000000310.parquet", output.ToString().Replace("\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parse_DateOutOfOrder_FailsWithoutTraining()
    {
        using var lake = new SyntheticLake();

        var exit = await RetrainCommandLine.Create().Parse(["--data", lake.Root, "--from", "2026-11-22", "--to", "2026-11-01"]).InvokeAsync();

        Assert.Equal(1, exit);
        Assert.Empty(await lake.Store.ListAsync("lake/models/"));
    }

    [Fact]
    public async Task Parse_CandidateVersion_WritesThatVersion()
    {
        using var lake = new SyntheticLake();
        await lake.AddAsync("h1", new DateOnly(2026, 11, 20), 400, 1, 1);

        var exit = await RetrainCommandLine.Create().Parse(["--data", lake.Root, "--candidate-version", "7", "--min-labelled", "100"]).InvokeAsync();

        Assert.Equal(0, exit);
        Assert.True(await lake.Store.ExistsAsync("lake/models/7/model.vmdl"));
        Assert.True(await lake.Store.ExistsAsync("lake/models/7/manifest.json"));
    }
}
