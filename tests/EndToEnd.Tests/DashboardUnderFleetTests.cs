// Both the silo and the firmware have a top-level Program; the firmware is reached through an alias.
extern alias firmware;

using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using firmware::Visco.Firmware.Fleet;
using Visco.TestKit;

namespace Visco.EndToEnd.Tests;

/// <summary>
/// Issue 8 against the whole product: the real silo under load from the fleet simulator (real MQTT), the dashboard in
/// headless Chromium — the runtime, MQTT and domain panels fill in as the load arrives, with no console error.
/// </summary>
public sealed class DashboardUnderFleetTests
{
    private const string Chromium = "/usr/bin/chromium";

    // The number in the tile with this label inside a section (0 while the tile shows no data).
    private const string TileValue = """
        ([section, label]) => {
          const tile = [...document.querySelectorAll(`#${section} .tile`)].find(t => t.querySelector('.label')?.textContent === label);
          return tile ? Number(tile.querySelector('.value').textContent.replace(/[^0-9.]/g, '')) || 0 : 0;
        }
        """;

    [RequiresToolFact(Chromium)]
    public async Task Dashboard_FleetSimulatorLoad_MqttAndDomainPanelsFillWithoutConsoleErrors()
    {
        var data = Directory.CreateTempSubdirectory("visco-e2e-dashboard-").FullName;
        var credentials = Directory.CreateDirectory(Path.Combine(data, "fleet-credentials")).FullName;
        try
        {
            await using var silo = await RunningSilo.StartAsync(data);
            for (var i = 1; i <= 5; i++)
            {
                var device = await silo.RegisterDeviceAsync("h-fleet", $"fleet-{i}");
                await File.WriteAllTextAsync(
                    Path.Combine(credentials, $"{device.DeviceId}.json"),
                    JsonSerializer.Serialize(new { device.DeviceId, device.HospitalId, device.Secret }, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
            }

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            });
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
            await page.GotoAsync($"http://127.0.0.1:{silo.HttpPort}/dashboard");
            await page.WaitForFunctionAsync("() => Number(document.body.dataset.snapshots ?? 0) >= 1", null, new() { Timeout = 30_000 });

            var fleet = new FleetSimulator(
                new FleetOptions
                {
                    Devices = 5,
                    Rate = 20,
                    Duration = TimeSpan.FromSeconds(60),
                    Drain = TimeSpan.FromSeconds(1),
                    Port = silo.MqttPort,
                    CredentialsFolder = credentials,
                },
                NullLoggerFactory.Instance);
            using var stop = new CancellationTokenSource();
            string metrics, domainPanels;
            await fleet.StartAsync(stop.Token);
            var running = fleet.RunAsync(_ => { }, stop.Token);
            try
            {
                await page.WaitForFunctionAsync(
                    $"() => ({TileValue})(['mqtt-tiles', 'Connections']) >= 5 && ({TileValue})(['domain-tiles', 'Accepted']) > 0",
                    null,
                    new() { Timeout = 45_000 });
                using var http = new HttpClient();
                metrics = await http.GetStringAsync(new Uri($"http://127.0.0.1:{silo.HttpPort}/metrics"));
                domainPanels = await page.TextContentAsync("#domain-panels") ?? string.Empty;
            }
            finally
            {
                await stop.CancelAsync();
                await ((Task)running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                await fleet.StopAsync();
            }

            var artifacts = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts")).FullName;
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artifacts, "dashboard-under-fleet.png") });
            Assert.True(fleet.Statistics.Acknowledged > 0);
            Assert.Contains("visco_devices_online{hospital=\"h-fleet\"} 5", metrics, StringComparison.Ordinal);
            Assert.Contains("h-fleet", domainPanels, StringComparison.Ordinal);
            Assert.Empty(errors);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            TemporaryDirectory.Delete(data);
        }
    }
}
