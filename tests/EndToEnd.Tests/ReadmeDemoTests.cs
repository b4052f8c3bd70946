extern alias firmware;

using System.CommandLine;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using firmware::Visco.Firmware.Cli;
using Visco.Silo.Cli;
using Visco.TestKit;

namespace Visco.EndToEnd.Tests;

/// <summary>Runs alone: the demo's verbs print to the process-wide console, which the test reads.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReadmeDemoCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "README demo";
}

/// <summary>
/// Issue 7, the README demo ("A first measurement") as a test: the commands below are the README's, verbatim (the first
/// test fails when the README changes without this test), and the second runs each of them in-process through the
/// same entry points <c>dotnet run</c> reaches — the silo's verbs, the silo itself, <c>visco-device simulate</c> —
/// changing only what a test must: the data folder is a temp folder rather than <c>./data</c>, and the ports are
/// free ones rather than 1883 and 8080.
/// </summary>
[Collection(ReadmeDemoCollection.Name)]
public sealed partial class ReadmeDemoTests
{
    private static readonly string[] Demo =
    [
        "dotnet run --project src/Silo -- register-devices --hospital h1 --count 2",
        "dotnet run --project src/Silo                      # terminal 1",
        "dotnet run --project src/Firmware -- simulate --broker 127.0.0.1:1883 --credentials data/credentials --rate 2 --duration 10",
        "TOKEN=$(dotnet run --project src/Silo -- mint-token --role clinician --hospital h1)",
        "curl -H \"Authorization: Bearer $TOKEN\" \"http://localhost:8080/api/v1/hospitals/h1/results?limit=5\"",
    ];

    [Fact]
    public async Task Readme_FirstMeasurementSection_ListsExactlyTheCommandsThisTestRuns()
    {
        var readme = await File.ReadAllLinesAsync(Path.Combine(RepositoryRoot(), "README.md"));
        var section = readme.SkipWhile(l => l != "## A first measurement").Skip(1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal));
        var commands = section.Where(l => l.StartsWith("    ", StringComparison.Ordinal)).Select(l => l[4..]).ToArray();

        Assert.Equal(Demo, commands);
    }

    [Theory]
    [InlineData("src/Silo/Silo.csproj")]
    [InlineData("src/Firmware/Firmware.csproj")]
    public async Task Readme_RelativeDataPaths_DotnetRunWorksInTheCallersFolder(string project)
    {
        // The demo's ./data (register-devices, the silo, --credentials data/credentials, mint-token) is the folder the
        // commands are typed in only if dotnet run does not switch to the project's folder, which it does by default.
        var text = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), project));

        Assert.Contains("<RunWorkingDirectory>$(MSBuildStartupDirectory)</RunWorkingDirectory>", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_RunAsTheReadmeSays_SimulatorsResultsVisibleInTheApi()
    {
        var data = Directory.CreateTempSubdirectory("visco-e2e-readme-").FullName;
        try
        {
            // 1. register-devices, with the silo stopped.
            Assert.Equal(0, await SiloCommandLine.RunAsync([.. VerbArguments(Demo[0]), "--data", data]));
            Assert.Equal(2, Directory.GetFiles(Path.Combine(data, "credentials"), "*.json").Length);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

            // 2. the silo, with its defaults (the test's ports and data folder).
            Assert.StartsWith("dotnet run --project src/Silo ", Demo[1], StringComparison.Ordinal);
            await using var silo = await RunningSilo.StartAsync(data);

            // 3. the fleet simulator against it.
            var simulate = VerbArguments(Demo[2])
                .Select(a => a.Replace("127.0.0.1:1883", $"127.0.0.1:{silo.MqttPort}", StringComparison.Ordinal))
                .Select(a => a == "data/credentials" ? Path.Combine(data, "credentials") : a)
                .ToArray();
            var (simulated, simulatorOutput) = await CaptureConsoleAsync(() => new RootCommand { SimulateCommand.Create() }.Parse(simulate).InvokeAsync());
            Assert.Equal(0, simulated);
            var summary = Assert.Single(simulatorOutput.Split('\n'), l => l.StartsWith("summary: ", StringComparison.Ordinal));
            var figures = Summary().Match(summary);
            Assert.True(figures.Success, summary);
            var measured = int.Parse(figures.Groups["measured"].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(measured, 10, 20);
            Assert.Equal(figures.Groups["measured"].Value, figures.Groups["acked"].Value);
            Assert.Equal(figures.Groups["measured"].Value, figures.Groups["results"].Value);

            // 4. a clinician's token from mint-token.
            var mint = Regex.Match(Demo[3], @"^TOKEN=\$\((.*)\)$").Groups[1].Value;
            var (minted, mintOutput) = await CaptureConsoleAsync(() => SiloCommandLine.RunAsync([.. VerbArguments(mint), "--data", data]));
            Assert.Equal(0, minted);
            var token = Assert.Single(mintOutput.Split('\n').Select(l => l.Trim()), l => Jwt().IsMatch(l));

            // 5. curl the results.
            var url = Regex.Match(Demo[4], "\"(http://localhost:8080/[^\"]+)\"").Groups[1].Value.Replace("localhost:8080", $"127.0.0.1:{silo.HttpPort}", StringComparison.Ordinal);
            using var http = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var items = JsonDocument.Parse(body).RootElement.GetProperty("items").EnumerateArray().ToList();
            Assert.Equal(5, items.Count);
            Assert.All(items, item =>
            {
                Assert.Equal("h1", item.GetProperty("hospitalId").GetString());
                Assert.Matches("^h1-analyser-00[12]$", item.GetProperty("deviceId").GetString());
                Assert.False(string.IsNullOrEmpty(item.GetProperty("modelVersion").GetString()));
            });

            // "Open http://localhost:8080/dashboard to watch it."
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri($"http://127.0.0.1:{silo.HttpPort}/dashboard"))).StatusCode);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            TemporaryDirectory.Delete(data);
        }
    }

    /// <summary>The arguments after <c>--</c> of a <c>dotnet run --project ... -- verb ...</c> line.</summary>
    private static string[] VerbArguments(string command) =>
        command[(command.IndexOf(" -- ", StringComparison.Ordinal) + 4)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static async Task<(int ExitCode, string Output)> CaptureConsoleAsync(Func<Task<int>> run)
    {
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(TextWriter.Synchronized(output));
        try
        {
            return (await run(), output.ToString());
        }
        finally
        {
            Console.SetOut(original);
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ViscoOrleans.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no ViscoOrleans.sln above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"devices=2 connected=2 measured=(?<measured>\d+) sent=\d+ acked=(?<acked>\d+) results=(?<results>\d+) errors=0 queued=0 ")]
    private static partial Regex Summary();

    [GeneratedRegex(@"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$")]
    private static partial Regex Jwt();
}
