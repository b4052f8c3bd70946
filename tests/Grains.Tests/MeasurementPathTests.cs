using System.Text.Json;
using Visco.Grains.Interfaces.Ingress;
using Visco.Grains.Interfaces.Results;
using Visco.Grains.Tests.Hosting;

namespace Visco.Grains.Tests;

/// <summary>The measurement path on a real silo: device → handler → device grain → inference → stream → results store.</summary>
public sealed class MeasurementPathTests : IAsyncLifetime
{
    private DomainSilo _silo = null!;

    /// <inheritdoc />
    public async Task InitializeAsync() => _silo = await DomainSilo.StartInMemoryAsync();

    /// <inheritdoc />
    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task HandleAsync_RegisteredDeviceSweep_ReturnsResultNamingModelVersionAndStoresIt()
    {
        await _silo.RegisterAsync("h1", "dev-1");

        var answer = await _silo.SubmitAsync("h1", "dev-1", Payloads.Valid("s-1"));

        Assert.Equal(DeviceMessageStatus.Accepted, answer.Status);
        var reply = Assert.Single(answer.Replies);
        Assert.Equal("devices/dev-1/results", reply.Topic);
        using var json = JsonDocument.Parse(reply.Payload);
        var root = json.RootElement;
        Assert.Equal("result", root.GetProperty("type").GetString());
        Assert.Equal(1, root.GetProperty("v").GetInt32());
        Assert.Equal("s-1", root.GetProperty("sampleId").GetString());
        Assert.Equal("1", root.GetProperty("modelVersion").GetString());
        Assert.StartsWith("sha256:", root.GetProperty("inputHash").GetString(), StringComparison.Ordinal);
        Assert.Contains(root.GetProperty("class").GetString(), new[] { "normal", "elevated", "hyperviscous", "invalid-sample" });
        Assert.True(root.GetProperty("processedAt").TryGetDateTimeOffset(out _));

        await _silo.Results.WaitForSavedAsync(1);
        var stored = Assert.Single(await _silo.Results.FindBySampleAsync("h1", "s-1"));
        Assert.Equal("dev-1", stored.DeviceId);
        Assert.Equal("1", stored.ModelVersion);
        Assert.Equal(root.GetProperty("inputHash").GetString(), stored.InputHash);
        Assert.Equal(root.GetProperty("class").GetString(), stored.Class);
    }

    [Fact]
    public async Task FindBySampleAsync_OtherHospital_SeesNothing()
    {
        await _silo.RegisterAsync("h1", "dev-1");
        await _silo.RegisterAsync("h2", "dev-2");
        await _silo.SubmitAsync("h1", "dev-1", Payloads.Valid("shared-id"));
        await _silo.Results.WaitForSavedAsync(1);

        Assert.Empty(await _silo.Results.FindBySampleAsync("h2", "shared-id"));
        Assert.Empty((await _silo.Results.QueryByDeviceAsync("h2", "dev-1", new ResultQuery())).Items);
        Assert.Equal(0, await _silo.Results.CountAsync("h2"));
    }

    [Fact]
    public async Task HandleAsync_SameSampleTwice_DuplicateWithSameResultAndOneRow()
    {
        await _silo.RegisterAsync("h1", "dev-1");
        var payload = Payloads.Valid("s-dup");

        var first = await _silo.SubmitAsync("h1", "dev-1", payload);
        var second = await _silo.SubmitAsync("h1", "dev-1", payload);

        Assert.Equal(DeviceMessageStatus.Accepted, first.Status);
        Assert.Equal(DeviceMessageStatus.Duplicate, second.Status);
        Assert.Equal(first.Replies[0].Payload.ToArray(), second.Replies[0].Payload.ToArray());

        // A later sample is stored after the duplicate would have been (the stream keeps order): one row for s-dup.
        await _silo.SubmitAsync("h1", "dev-1", Payloads.Valid("s-after"));
        await _silo.Results.WaitForSavedAsync(2);
        Assert.Single(await _silo.Results.FindBySampleAsync("h1", "s-dup"));
        Assert.Equal(2, await _silo.Results.CountAsync("h1", "dev-1"));
    }

    [Fact]
    public async Task QueryByDeviceAsync_ManyResults_PagesNewestFirstWithoutGapsOrRepeats()
    {
        await _silo.RegisterAsync("h1", "dev-1");
        await _silo.RegisterAsync("h1b", "dev-other");
        for (var i = 0; i < 25; i++)
        {
            _silo.Time.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(DeviceMessageStatus.Accepted, (await _silo.SubmitAsync("h1", "dev-1", Payloads.Valid($"p-{i:D2}"))).Status);
        }

        await _silo.SubmitAsync("h1b", "dev-other", Payloads.Valid("elsewhere"));
        await _silo.Results.WaitForSavedAsync(26);

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await _silo.Results.QueryByDeviceAsync("h1", "dev-1", new ResultQuery(Cursor: cursor, Limit: 10));
            seen.AddRange(page.Items.Select(r => r.SampleId));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 25).Reverse().Select(i => $"p-{i:D2}"), seen);
        var hospitalPage = await _silo.Results.QueryByHospitalAsync("h1", new ResultQuery(Limit: 1000));
        Assert.Equal(25, hospitalPage.Items.Count);
        Assert.Null(hospitalPage.NextCursor);
        Assert.Equal("p-24", Assert.Single(await _silo.Results.LatestPerDeviceAsync("h1")).SampleId);
        await Assert.ThrowsAsync<InvalidCursorException>(
            () => _silo.Results.QueryByDeviceAsync("h1", "dev-1", new ResultQuery(Cursor: "not-a-cursor")));
    }

    [Fact]
    public async Task QueryByHospitalAsync_TimeRange_ReturnsOnlyResultsReceivedInside()
    {
        await _silo.RegisterAsync("h1", "dev-1");
        var start = _silo.Time.GetUtcNow();
        for (var i = 0; i < 6; i++)
        {
            await _silo.SubmitAsync("h1", "dev-1", Payloads.Valid($"t-{i}"));
            _silo.Time.Advance(TimeSpan.FromMinutes(1));
        }

        await _silo.Results.WaitForSavedAsync(6);
        var page = await _silo.Results.QueryByHospitalAsync(
            "h1", new ResultQuery(From: start.AddMinutes(2), To: start.AddMinutes(4)));

        Assert.Equal(["t-3", "t-2"], page.Items.Select(r => r.SampleId));
        Assert.Equal(2, await _silo.Results.CountAsync("h1", "dev-1", start.AddMinutes(2), start.AddMinutes(4)));
    }
}
