using System.Diagnostics;

namespace Visco.MqttFrontDoor.Tests.Support;

/// <summary>Runs an external client (mosquitto_pub, python3) with a bounded wait.</summary>
public static class ToolRunner
{
    /// <summary>Starts the tool; the caller waits with <see cref="WaitAsync"/>.</summary>
    public static Process Start(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
    }

    /// <summary>Waits for the exit (killing it past the bound) and returns exit code and output.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> WaitAsync(Process process, TimeSpan? bound = null)
    {
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(bound ?? TimeSpan.FromSeconds(20));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{process.StartInfo.FileName} did not finish: {await error}");
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>Runs the tool to completion.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string file, params string[] arguments)
    {
        using var process = Start(file, arguments);
        return await WaitAsync(process);
    }
}
