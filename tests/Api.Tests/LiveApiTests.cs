using System.Net;
using System.Text.Json;
using Visco.Api.Auth;
using Visco.Api.Live;
using Visco.Api.Tests.Hosting;
using Visco.Grains.Interfaces.Measurements;
using Visco.Runtime.Abstractions.Streams;

namespace Visco.Api.Tests;

/// <summary>The live feed: results as they are published, resumption from Last-Event-ID through the store.</summary>
public sealed class LiveApiTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private ApiHost Host => fixture.Host;

    [Fact]
    public async Task Follow_PublishedMeasurement_ArrivesAsResultEventThenResumesFromItsId()
    {
        var client = Host.ClientFor(ApiRoles.Clinician, "h-a");
        var at = DateTimeOffset.UtcNow;
        string firstId;
        using (var response = await OpenAsync(client, "/api/v1/hospitals/h-a/devices/dev-a1/live", null))
        using (var feed = new SseReader(await response.Content.ReadAsStreamAsync()))
        {
            await feed.NextOfTypeAsync(LiveFeed.ReadyEvent);
            await PublishAsync(Seed.Measurement("h-a", "dev-a1", "live-1", at));

            var (_, data, id) = await feed.NextOfTypeAsync(LiveFeed.ResultEvent);

            using var json = JsonDocument.Parse(data);
            Assert.Equal("live-1", json.RootElement.GetProperty("sampleId").GetString());
            Assert.Equal("h-a", json.RootElement.GetProperty("hospitalId").GetString());
            firstId = id!;
        }

        await PublishAsync(Seed.Measurement("h-a", "dev-a1", "live-2", at.AddSeconds(1)));
        await PublishAsync(Seed.Measurement("h-a", "dev-a1", "live-3", at.AddSeconds(2)));
        await WaitForStoredAsync("live-3");

        using var resumed = await OpenAsync(client, "/api/v1/hospitals/h-a/devices/dev-a1/live", firstId);
        using var replay = new SseReader(await resumed.Content.ReadAsStreamAsync());
        var second = await replay.NextAsync();
        var third = await replay.NextAsync();
        var ready = await replay.NextAsync();

        Assert.Contains("\"live-2\"", second.Data, StringComparison.Ordinal);
        Assert.Contains("\"live-3\"", third.Data, StringComparison.Ordinal);
        Assert.Equal(LiveFeed.ReadyEvent, ready.Event);
    }

    [Fact]
    public async Task Follow_Hospital_OtherHospitalsEventsNeverArrive()
    {
        var client = Host.ClientFor(ApiRoles.Clinician, "h-a");
        using var response = await OpenAsync(client, "/api/v1/hospitals/h-a/live", null);
        using var feed = new SseReader(await response.Content.ReadAsStreamAsync());
        await feed.NextOfTypeAsync(LiveFeed.ReadyEvent);

        await PublishAsync(Seed.Measurement("h-b", "dev-b1", "other-1", DateTimeOffset.UtcNow));
        await PublishAsync(Seed.Measurement("h-a", "dev-a1", "own-1", DateTimeOffset.UtcNow));

        // Events of one hospital arrive in order; h-b's travel on another stream and never reach this feed.
        var (_, data, _) = await feed.NextOfTypeAsync(LiveFeed.ResultEvent);
        Assert.Contains("\"own-1\"", data, StringComparison.Ordinal);
        Assert.DoesNotContain("other-1", data, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> OpenAsync(HttpClient client, string path, string? lastEventId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return response;
    }

    private Task PublishAsync(MeasurementRecorded recorded) =>
        ((IStreamProvider)Host.Services.GetService(typeof(IStreamProvider))!)
            .GetStream<MeasurementRecorded>(new StreamId(MeasurementRecorded.StreamNamespace, recorded.HospitalId))
            .OnNextAsync(recorded);

    private async Task WaitForStoredAsync(string sampleId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while ((await Host.Results.FindBySampleAsync("h-a", sampleId, timeout.Token)).Count == 0)
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
