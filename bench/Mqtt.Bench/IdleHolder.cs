using System.Diagnostics;

namespace Visco.Mqtt.Bench;

/// <summary>A child process holding idle authenticated connections (the "hold" verb).</summary>
internal sealed class IdleHolder(Process process) : IDisposable
{
    public static IdleHolder Start(int port, int count, bool device)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "hold", "--port", port.ToString(), "--count", count.ToString() }.Concat(device ? ["--device"] : Array.Empty<string>()))
        {
            info.ArgumentList.Add(argument);
        }

        return new IdleHolder(Process.Start(info)!);
    }

    public async Task WaitUntilHeldAsync()
    {
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(3));
        if (line is null || !line.StartsWith("held", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the idle holder failed: {line}");
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }

        process.Dispose();
    }
}
