using System.Text;
using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.State;
using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Hosting;
using Visco.TestKit;
using Visco.Runtime.Tests.Grains;
using Visco.Runtime.Tests.Hosting;

namespace Visco.Runtime.Tests;

/// <summary>Activation lifecycle, persistent state, timers and reminders on each storage provider.</summary>
public abstract class LifecycleTests<TStore> : ProviderScenarioTests<TStore>
    where TStore : ITestStore, new()
{
    /// <inheritdoc />
    protected override void Configure(SiloOptions options) => options.CollectionAge = TimeSpan.FromMinutes(2);

    [ProviderFact]
    public async Task IdleCollection_AfterCollectionAge_DeactivatesThenReactivatesWithState()
    {
        var key = $"idle-{Guid.NewGuid():N}";
        var counter = Host.Grains.GetGrain<ICounterGrain>(key);
        Assert.Equal(5, await counter.Add(5));

        Host.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, Host.Silo.CollectIdleActivations());
        Host.Time.Advance(TimeSpan.FromMinutes(2));
        var deactivations = await Recorder.WaitForAsync($"deactivate:{key}", 1);

        Assert.Equal(DeactivationReason.IdleCollection, deactivations[0]);
        Assert.Equal(8, await counter.Add(3));
        var activations = await Recorder.WaitForAsync($"activate:{key}", 2);
        Assert.Equal(new object[] { 0, 5 }, activations);
    }

    [ProviderFact]
    public async Task DeactivateOnIdle_AfterCall_DeactivatesWithReason()
    {
        var key = $"explicit-{Guid.NewGuid():N}";
        var counter = Host.Grains.GetGrain<ICounterGrain>(key);
        await counter.Add(1);

        await counter.Deactivate();
        var deactivations = await Recorder.WaitForAsync($"deactivate:{key}", 1);

        Assert.Equal(DeactivationReason.ApplicationRequested, deactivations[0]);
        Assert.Equal(1, await counter.Get());
    }

    [ProviderFact]
    public async Task Restart_Graceful_StateSurvivesAndOnDeactivateRan()
    {
        var key = $"restart-{Guid.NewGuid():N}";
        await Host.Grains.GetGrain<ICounterGrain>(key).Add(41);

        await Host.RestartAsync();

        Assert.Equal(DeactivationReason.ShuttingDown, (await Recorder.WaitForAsync($"deactivate:{key}", 1))[0]);
        Assert.Equal(42, await Host.Grains.GetGrain<ICounterGrain>(key).Add(1));
    }

    [ProviderFact]
    public async Task Stop_CalledAgainWhileStopping_SecondCallerWaitsForTheDeactivations()
    {
        var key = $"slow-stop-{Guid.NewGuid():N}";
        await Host.Grains.GetGrain<ISlowDeactivationGrain>(key).Ping();

        var first = Host.Silo.StopAsync();
        await Recorder.WaitForAsync($"deactivating:{key}", 1);
        var second = Host.Silo.StopAsync();

        // The generic host stops its services twice (RunAsync and the caller of StopAsync); the second must not return
        // while a grain is still flushing, or its caller disposes what the flush writes to.
        Assert.False(second.IsCompleted);
        GrainGates.Release(key);
        await Task.WhenAll(first, second);
        Assert.Single(Recorder.Get($"deactivated:{key}"));
    }

    [ProviderFact]
    public async Task Restart_AfterKill_AcknowledgedWritesSurvive()
    {
        var key = $"kill-{Guid.NewGuid():N}";
        await Host.Grains.GetGrain<ICounterGrain>(key).Add(7);

        await Host.KillAndRestartAsync();

        Assert.Empty(Recorder.Get($"deactivate:{key}"));
        Assert.Equal(7, await Host.Grains.GetGrain<ICounterGrain>(key).Get());
    }

    [ProviderFact]
    public async Task WriteState_AnotherWriterChangedTheRecord_FailsWithInconsistentStateAndKeepsTheirs()
    {
        var key = $"etag-{Guid.NewGuid():N}";
        var counter = Host.Grains.GetGrain<ICounterGrain>(key);
        await counter.Add(1);
        var grainId = ((IAddressable)counter).GrainId;
        var etag = await counter.GetEtag();

        // A second writer (another activation during a split, a tool) replaces the record.
        var theirs = Encoding.UTF8.GetBytes("{\"value\":100}");
        await Host.Silo.Store.GrainStorage.WriteAsync(grainId, "counter", theirs, etag, CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(() => counter.Add(1));
        var stored = await Host.Silo.Store.GrainStorage.ReadAsync(grainId, "counter", CancellationToken.None);
        Assert.Equal(theirs, stored!.Data);
    }

    [ProviderFact]
    public async Task Activation_CorruptStateRecord_FailsWithClearErrorAndLeavesRecord()
    {
        var key = $"corrupt-{Guid.NewGuid():N}";
        var grainId = new GrainId("counter", key);
        var garbage = Encoding.UTF8.GetBytes("{not json");
        await Host.Silo.Store.GrainStorage.WriteAsync(grainId, "counter", garbage, null, CancellationToken.None);

        var thrown = await Assert.ThrowsAsync<GrainActivationException>(() => Host.Grains.GetGrain<ICounterGrain>(key).Get());

        var corrupt = Assert.IsType<GrainStateCorruptException>(thrown.InnerException);
        Assert.Contains($"counter/{key}", corrupt.Message, StringComparison.Ordinal);
        Assert.Equal(garbage, (await Host.Silo.Store.GrainStorage.ReadAsync(grainId, "counter", CancellationToken.None))!.Data);
    }

    [ProviderFact]
    public async Task Timer_TicksOnItsPeriod_AndStopsWithDeactivation()
    {
        var key = $"timer-{Guid.NewGuid():N}";
        var grain = Host.Grains.GetGrain<ITimerGrain>(key);
        await grain.StartTimer(TimeSpan.FromSeconds(10));

        Host.Time.Advance(TimeSpan.FromSeconds(10));
        await Recorder.WaitForAsync($"timer:{key}", 1);
        await grain.Ping(); // queued behind the tick's turn: when it returns, the tick has ended
        Host.Time.Advance(TimeSpan.FromSeconds(10));
        var ticks = await Recorder.WaitForAsync($"timer:{key}", 2);
        await grain.Ping();
        await grain.Deactivate();
        await Recorder.WaitForAsync($"timer-deactivated:{key}", 1);
        Host.Time.Advance(TimeSpan.FromSeconds(30));
        await grain.Ping(); // a new activation, without a timer

        Assert.Equal(2, ticks.Count);
        Assert.Equal(2, Recorder.Get($"timer:{key}").Count);
    }

    [ProviderFact]
    public async Task Timer_ArmedInACall_TickDueWhileGrainBusy_RunsAfterTheTurnAndKeepsTicking()
    {
        // The timer is armed inside a call, so it captures that call's chain; its tick must still start a chain of its
        // own, or finding the grain busy would be taken for a deadlock and the timer would never tick again.
        var key = $"timer-busy-{Guid.NewGuid():N}";
        var grain = Host.Grains.GetGrain<ITimerGrain>(key);
        await grain.StartTimer(TimeSpan.FromSeconds(10));
        var held = grain.Hold();

        Host.Time.Advance(TimeSpan.FromSeconds(10));
        GrainGates.Release(key);
        await held;
        await Recorder.WaitForAsync($"timer:{key}", 1);
        await grain.Ping();
        Host.Time.Advance(TimeSpan.FromSeconds(10));
        await Recorder.WaitForAsync($"timer:{key}", 2);

        Assert.Equal(2, Recorder.Get($"timer:{key}").Count);
    }

    [ProviderFact]
    public async Task Reminder_FiresAfterRestart_AndStopsWhenUnregistered()
    {
        var key = $"reminder-{Guid.NewGuid():N}";
        var log = $"reminder:{key}:r";
        await Host.Grains.GetGrain<ITimerGrain>(key).StartReminder("r", TimeSpan.FromMinutes(1));
        Host.Time.Advance(TimeSpan.FromMinutes(1));
        await Recorder.WaitForAsync(log, 1);

        await Host.KillAndRestartAsync();
        Host.Time.Advance(TimeSpan.FromMinutes(1));
        await Recorder.WaitForAsync(log, 2);

        await Host.Grains.GetGrain<ITimerGrain>(key).StopReminder("r");
        Host.Time.Advance(TimeSpan.FromMinutes(3));
        await Host.Grains.GetGrain<ITimerGrain>(key).StartTimer(TimeSpan.FromHours(1));
        Assert.Equal(2, Recorder.Get(log).Count);
    }
}
