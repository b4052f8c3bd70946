using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Visco.Grains.Interfaces.Ingress;
using Visco.Grains.Interfaces.Models;
using Visco.Grains.Models;
using Visco.Grains.Tests.Hosting;

namespace Visco.Grains.Tests;

/// <summary>The model registry, the bootstrap on an empty registry, and the inference pool's hot swap.</summary>
public sealed class ModelTests
{
    [Fact]
    public async Task EnsureActiveModelAsync_EmptyRegistry_TrainsRegistersAndActivatesVersion1Once()
    {
        await using var silo = await DomainSilo.StartInMemoryAsync(withModel: false);
        var bootstrapper = silo.Services.GetRequiredService<ModelBootstrapper>();
        var cache = silo.Services.GetRequiredService<ModelCache>();
        Assert.False(cache.IsReady);

        var version = await bootstrapper.EnsureActiveModelAsync();
        var again = await bootstrapper.EnsureActiveModelAsync();

        Assert.Equal("1", version);
        Assert.Equal("1", again);
        Assert.True(cache.IsReady);
        var registry = silo.Grains.GetGrain<IModelRegistryGrain>(IModelRegistryGrain.DefaultKey);
        var registered = Assert.Single(await registry.GetVersions());
        Assert.Equal(ModelBootstrapper.Actor, registered.RegisteredBy);
        Assert.Contains("seed=20261122", registered.TrainingDataSource, StringComparison.Ordinal);
        Assert.NotEmpty(registered.Metrics);
        var activation = Assert.Single(await registry.GetActivations());
        Assert.Equal(("1", (string?)null, ModelBootstrapper.Actor), (activation.Version, activation.PreviousVersion, activation.ActivatedBy));

        await silo.RegisterAsync("h1", "dev-1");
        Assert.Equal(DeviceMessageStatus.Accepted, (await silo.SubmitAsync("h1", "dev-1", Payloads.Valid("s"))).Status);
    }

    [Fact]
    public async Task EnsureActiveModelAsync_CalledConcurrently_TrainsOnceAndBothGetVersion1()
    {
        await using var silo = await DomainSilo.StartInMemoryAsync(withModel: false);
        var bootstrapper = silo.Services.GetRequiredService<ModelBootstrapper>();

        var versions = await Task.WhenAll(
            Task.Run(() => bootstrapper.EnsureActiveModelAsync()), Task.Run(() => bootstrapper.EnsureActiveModelAsync()));

        Assert.Equal(["1", "1"], versions);
        var registry = silo.Grains.GetGrain<IModelRegistryGrain>(IModelRegistryGrain.DefaultKey);
        Assert.Single(await registry.GetVersions());
        Assert.Single(await registry.GetActivations());
    }

    [Fact]
    public async Task HandleAsync_NoActiveModel_BusyNotFailed()
    {
        await using var silo = await DomainSilo.StartInMemoryAsync(withModel: false);
        await silo.RegisterAsync("h1", "dev-1");

        var answer = await silo.SubmitAsync("h1", "dev-1", Payloads.Valid("s"));

        Assert.Equal(DeviceMessageStatus.Busy, answer.Status);
        Assert.Equal(0, await silo.Results.CountAsync("h1"));
    }

    [Fact]
    public async Task Register_FilesAndVersions_ConflictsAndUnknownVersionsRefused()
    {
        await using var silo = await DomainSilo.StartInMemoryAsync();
        var registry = silo.Grains.GetGrain<IModelRegistryGrain>(IModelRegistryGrain.DefaultKey);

        var again = await registry.Register(TestModels.V1, "test");
        Assert.Equal("1", again.Version);
        await Assert.ThrowsAsync<InvalidModelFileException>(() => registry.Register([1, 2, 3], "test"));
        await Assert.ThrowsAsync<ModelVersionNotFoundException>(() => registry.Activate("9", "test"));
        Assert.Equal(TestModels.V1, await registry.GetModelFile("1"));
        Assert.Single(await registry.GetVersions());
    }

    [Fact]
    public async Task Activate_Version2WhileDevicesSubmit_NoCallFailsAndResultsSwitchVersion()
    {
        await using var silo = await DomainSilo.StartInMemoryAsync();
        for (var d = 0; d < 4; d++)
        {
            await silo.RegisterAsync("h1", $"dev-{d}");
        }

        var registry = silo.Grains.GetGrain<IModelRegistryGrain>(IModelRegistryGrain.DefaultKey);
        var statuses = new ConcurrentBag<DeviceMessageStatus>();
        var versionsByDevice = new ConcurrentDictionary<string, ConcurrentQueue<string>>();
        using var stop = new CancellationTokenSource();
        var loops = Enumerable.Range(0, 4).Select(d => Task.Run(async () =>
        {
            var device = $"dev-{d}";
            var seen = versionsByDevice.GetOrAdd(device, _ => new ConcurrentQueue<string>());
            for (var i = 0; i < 5000 && !(stop.IsCancellationRequested && seen.Contains("2")); i++)
            {
                var answer = await silo.SubmitAsync("h1", device, Payloads.Valid($"{device}-{i}"));
                statuses.Add(answer.Status);
                if (answer.Status == DeviceMessageStatus.Accepted)
                {
                    using var json = System.Text.Json.JsonDocument.Parse(answer.Replies[0].Payload);
                    seen.Enqueue(json.RootElement.GetProperty("modelVersion").GetString()!);
                }
            }
        })).ToArray();

        await registry.Register(TestModels.V2, "data-scientist");
        await registry.Activate("2", "data-scientist");
        // Each inference worker refreshes on its own 1 s timer; a worker that armed its timer after a single advance
        // would wait for the next one, so the clock moves on (bounded) until every device has seen version 2.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            silo.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline && !Enumerable.Range(0, 4).All(d => versionsByDevice.GetValueOrDefault($"dev-{d}")?.Contains("2") == true));
        stop.Cancel();
        await Task.WhenAll(loops).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.All(statuses, s => Assert.Equal(DeviceMessageStatus.Accepted, s));
        foreach (var (device, versions) in versionsByDevice)
        {
            // Each device's results name 1 until the swap and 2 after it, never back.
            var sequence = versions.ToArray();
            Assert.Equal("2", sequence[^1]);
            var firstTwo = Array.IndexOf(sequence, "2");
            Assert.All(sequence[firstTwo..], v => Assert.Equal("2", v));
        }

        var activations = await registry.GetActivations();
        Assert.Equal(["1", "2"], activations.Select(a => a.Version));
        Assert.Equal("data-scientist", activations[^1].ActivatedBy);
        Assert.Equal("1", activations[^1].PreviousVersion);
    }
}
