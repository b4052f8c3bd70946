using System.Diagnostics;
using System.Text;

using Visco.TestKit;

namespace Visco.Mqtt.Tests.Support;

/// <summary>Runs a command-line tool (mosquitto_pub, mosquitto_sub) for one test, with bounded waits and a kill on dispose.</summary>
internal sealed class ToolProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    private ToolProcess(Process process)
    {
        _process = process;
    }

    public static ToolProcess Start(string name, params string[] arguments)
    {
        var executable = TestEnvironment.FindExecutable(name) ?? throw new InvalidOperationException($"{name} is not installed");
        var process = new Process
        {
            StartInfo = new ProcessStartInfo(executable, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            },
        };
        var tool = new ToolProcess(process);
        process.OutputDataReceived += (_, e) => tool.Append(tool._output, e.Data);
        process.ErrorDataReceived += (_, e) => tool.Append(tool._error, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return tool;
    }

    /// <summary>Waits for the tool to exit and returns its exit code and standard output.</summary>
    public async Task<(int ExitCode, string Output, string Error)> WaitAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(Bounded.Timeout);
        lock (_output)
        {
            return (_process.ExitCode, _output.ToString(), _error.ToString());
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync().WaitAsync(Bounded.Timeout);
        }

        _process.Dispose();
    }

    private void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            target.AppendLine(line);
        }
    }
}
