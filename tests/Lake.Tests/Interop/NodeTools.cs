using System.Diagnostics;
using System.Text.Json;

namespace Visco.Lake.Tests.Interop;

/// <summary>Runs <c>interop/parquet.mjs</c> (DuckDB and hyparquet) with bounded waits.</summary>
internal static class NodeTools
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static string InteropDirectory { get; } = FindInteropDirectory();

    public static JsonElement ReadWithDuckDb(string file) => RunJson("duckdb", file);

    public static JsonElement ReadWithHyparquet(string file) => RunJson("hyparquet", file);

    public static JsonElement DuckDbMetadata(string file) => RunJson("metadata", file);

    public static void WriteWithDuckDb(string file, string codec, string sql, bool version2 = false) =>
        Run(version2 ? "write-v2" : "write", file, codec, sql);

    private static JsonElement RunJson(params string[] args)
    {
        using var document = JsonDocument.Parse(Run(args));
        return document.RootElement.Clone();
    }

    public static string Run(params string[] args)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = InteropDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("parquet.mjs");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node parquet.mjs {args[0]} did not finish within {Timeout}");
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node parquet.mjs {args[0]} failed ({process.ExitCode}): {stderr.Result}");
        }

        return stdout.Result;
    }

    private static string FindInteropDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "interop");
            if (File.Exists(Path.Combine(candidate, "parquet.mjs")))
            {
                return candidate;
            }

            candidate = Path.Combine(dir.FullName, "tests", "Lake.Tests", "interop");
            if (File.Exists(Path.Combine(candidate, "parquet.mjs")))
            {
                return candidate;
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "interop");
    }
}
