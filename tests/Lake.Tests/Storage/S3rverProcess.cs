using System.Diagnostics;
using System.Text.RegularExpressions;
using Visco.Lake.Tests.Interop;
using Visco.TestKit;

namespace Visco.Lake.Tests.Storage;

/// <summary>An s3rver (S3-compatible test server from npm) on a free port, with a bucket, for the duration of a test.</summary>
internal sealed partial class S3rverProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private S3rverProcess(Process process, string directory, Uri serviceUrl)
    {
        _process = process;
        _directory = directory;
        ServiceUrl = serviceUrl;
    }

    public Uri ServiceUrl { get; }

    public static async Task<S3rverProcess> StartAsync(string bucket)
    {
        var directory = Directory.CreateTempSubdirectory("s3rver-").FullName;
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = NodeTools.InteropDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "node_modules/s3rver/bin/s3rver.js", "-d", directory, "-a", "127.0.0.1", "-p", "0", "--configure-bucket", bucket })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("s3rver did not start");
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && Listening().Match(line) is { Success: true } match)
            {
                listening.TrySetResult(new Uri($"http://127.0.0.1:{match.Groups[1].Value}"));
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            return new S3rverProcess(process, directory, await listening.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
        TemporaryDirectory.Delete(_directory);
    }

    [GeneratedRegex(@"listening on [^:]+:(\d+)")]
    private static partial Regex Listening();
}
