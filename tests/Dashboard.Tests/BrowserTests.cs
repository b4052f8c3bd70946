using Microsoft.Playwright;
using Visco.TestKit;

namespace Visco.Dashboard.Tests;

/// <summary>Debian's Chromium, headless, against the silo on a real loopback port.</summary>
public sealed class BrowserTests
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly float WaitMs = 30_000;

    // The "calls" column of the load grain's row in the grain types table (0 while it has no row or no calls).
    private const string LoadCalls = """
        () => {
          const row = [...document.querySelectorAll('#grain-types tbody tr')].find(r => r.cells[0].textContent === 'load');
          return row ? Number(row.cells[6].textContent.replace(/[^0-9.]/g, '')) || 0 : 0;
        }
        """;

    [RequiresToolFact(Chromium)]
    public async Task Page_LoadArrives_NumbersAndChartsChangeWithoutConsoleErrors()
    {
        await using var silo = await DashboardSilo.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1600 } });
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);

        await page.GotoAsync(new Uri(silo.Address, "/dashboard").ToString());
        await page.WaitForFunctionAsync("() => Number(document.body.dataset.snapshots ?? 0) >= 1", null, new() { Timeout = WaitMs });
        var before = await page.EvaluateAsync<double>(LoadCalls);

        using var load = new CancellationTokenSource();
        var traffic = PutLoadAsync(silo, load.Token);
        try
        {
            await page.WaitForFunctionAsync(
                """
                () => {
                  const row = [...document.querySelectorAll('#grain-types tbody tr')].find(r => r.cells[0].textContent === 'load');
                  const chart = document.querySelector('figure[data-chart="grain-calls"]');
                  const latency = document.querySelector('figure[data-chart="grain-latency"]');
                  return row && Number(row.cells[6].textContent.replace(/[^0-9.]/g, '')) > 0
                    && Number(chart.dataset.points) >= 2 && Number(latency.dataset.points) >= 2;
                }
                """,
                null,
                new() { Timeout = WaitMs });
        }
        finally
        {
            await load.CancelAsync();
            await traffic;
        }

        var after = await page.EvaluateAsync<double>(LoadCalls);
        var methods = await page.TextContentAsync("#methods") ?? string.Empty;
        var mqtt = await page.TextContentAsync("#mqtt-panels") ?? string.Empty;
        Directory.CreateDirectory(ArtifactsDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactsDirectory, "dashboard-under-load.png"), FullPage = false });

        Assert.Equal(0, before);
        Assert.True(after > 0);
        Assert.Contains("ILoadGrain.Work", methods, StringComparison.Ordinal);
        Assert.Contains("no data yet", mqtt, StringComparison.Ordinal);
        Assert.Empty(errors);
    }

    [RequiresToolFact(Chromium)]
    public async Task Page_JwtConfiguredNonOpsToken_RefusedAndOpsTokenServed()
    {
        await using var silo = await DashboardSilo.StartAsync(jwt: true);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        await using var clinician = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + TestTokens.Create("clinician") },
        });
        await using var ops = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + TestTokens.Create("ops") },
        });
        var url = new Uri(silo.Address, "/dashboard").ToString();

        // Chromium turns an empty 403 navigation into a network error, so the refusal is read from the context's request API.
        var refused = await clinician.APIRequest.GetAsync(url);
        var opsPage = await ops.NewPageAsync();
        var served = await opsPage.GotoAsync(url);
        await opsPage.WaitForFunctionAsync("() => Number(document.body.dataset.snapshots ?? 0) >= 1", null, new() { Timeout = WaitMs });

        Assert.Equal(403, refused.Status);
        Assert.Equal(200, served!.Status);
        Assert.Equal("live", await opsPage.GetAttributeAsync("#status", "data-state"));
    }

    private static string ArtifactsDirectory =>
        Path.Combine(AppContext.BaseDirectory, "artifacts");

    private static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Chromium,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });

    private static async Task PutLoadAsync(DashboardSilo silo, CancellationToken cancellationToken)
    {
        var grains = Enumerable.Range(0, 20).Select(i => silo.Grains.GetGrain<ILoadGrain>($"device-{i}")).ToArray();
        var round = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.WhenAll(grains.Select(g => g.Work()));
            if (++round % 50 == 0)
            {
                try
                {
                    await grains[0].Fail();
                }
                catch (InvalidOperationException)
                {
                    // Expected: the failures column should show it.
                }
            }

            await Task.Yield();
        }
    }
}
