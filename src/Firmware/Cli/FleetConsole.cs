using Spectre.Console;
using Visco.Firmware.Fleet;

namespace Visco.Firmware.Cli;

/// <summary>Shows the fleet's figures: a live Spectre.Console table on an interactive terminal, one plain line per second otherwise.</summary>
public sealed class FleetConsole(TextWriter output)
{
    private static readonly string[] Columns = ["elapsed", "connected", "sent", "acked", "results", "errors", "queued", "reconnects", "p50", "p99", "acked/s"];

    private bool Interactive => ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Runs <paramref name="run"/>, displaying every snapshot it reports, and returns its summary.</summary>
    public async Task<FleetSnapshot> RunAsync(Func<Action<FleetSnapshot>, Task<FleetSnapshot>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (!Interactive)
        {
            return await run(snapshot => output.WriteLine(snapshot.ToString())).ConfigureAwait(false);
        }

        var table = new Table().Title("visco-device fleet");
        foreach (var column in Columns)
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        table.AddRow(Columns.Select(_ => "-").ToArray());
        FleetSnapshot? result = null;
        await AnsiConsole.Live(table).StartAsync(async context =>
        {
            result = await run(snapshot =>
            {
                table.Rows.Update(0, 0, new Text($"{snapshot.Elapsed.TotalSeconds:F0} s"));
                var cells = Cells(snapshot);
                for (var i = 1; i < cells.Length; i++)
                {
                    table.Rows.Update(0, i, new Text(cells[i]));
                }

                context.Refresh();
            }).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return result!;
    }

    /// <summary>Writes the final summary.</summary>
    public void WriteSummary(FleetSnapshot summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        output.WriteLine("summary: " + summary);
    }

    private static string[] Cells(FleetSnapshot s) =>
    [
        $"{s.Elapsed.TotalSeconds:F0} s", $"{s.Connected}/{s.Devices}", $"{s.Sent}", $"{s.Acknowledged}", $"{s.Results}", $"{s.Errors}",
        $"{s.Queued}", $"{s.Reconnects}", FleetSnapshot.Format(s.P50), FleetSnapshot.Format(s.P99), $"{s.AcknowledgedPerSecond:F0}",
    ];
}
