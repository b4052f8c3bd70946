using Visco.Runtime.Abstractions;
using Visco.Runtime.Storage.Memory;
using Visco.Runtime.Tests.Grains;
using Visco.Runtime.Tests.Hosting;

namespace Visco.Runtime.Tests;

/// <summary>Orleans' call guarantees: identity, single activation, turns, exceptions, timeouts, deadlocks.</summary>
public sealed class GrainCallTests : IAsyncLifetime
{
    private TestSilo _host = null!;

    public async Task InitializeAsync() => _host = await TestSilo.StartAsync(time => new MemoryRuntimeStore(new MemoryDatabase(), time));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public void GetGrain_SameKey_ReferencesAreEqualAndActivateNothing()
    {
        var a = _host.Grains.GetGrain<ICounterGrain>("same");
        var b = _host.Grains.GetGrain<ICounterGrain>("same");
        var c = _host.Grains.GetGrain<ICounterGrain>("other");

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
        Assert.Equal(new GrainId("counter", "same"), ((IAddressable)a).GrainId);
        Assert.Equal(0, _host.Silo.ActivationCount);
    }

    [Fact]
    public async Task Call_ThousandConcurrentFirstCallsToTenColdGrains_OneActivationEach()
    {
        var keys = Enumerable.Range(0, 10).Select(i => $"single-{Guid.NewGuid():N}-{i}").ToArray();
        var calls = Enumerable.Range(0, 1000)
            .Select(i => Task.Run(() => _host.Grains.GetGrain<IProbeGrain>(keys[i % 10]).Enter()));

        var seen = await Task.WhenAll(calls);

        Assert.All(seen, s => Assert.Equal(0, s));
        foreach (var key in keys)
        {
            Assert.Equal(1, await _host.Grains.GetGrain<IProbeGrain>(key).Constructions());
        }
    }

    [Fact]
    public async Task Call_NonReentrantGrain_CallsNeverInterleave()
    {
        var probe = _host.Grains.GetGrain<IProbeGrain>($"turns-{Guid.NewGuid():N}");

        var seen = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => probe.Enter()));

        Assert.All(seen, s => Assert.Equal(0, s));
    }

    [Fact]
    public async Task Call_AlwaysInterleaveMethod_InterleavesWithOtherCalls()
    {
        var probe = _host.Grains.GetGrain<IProbeGrain>($"interleave-{Guid.NewGuid():N}");

        var seen = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => probe.EnterInterleaved()));

        Assert.Contains(seen, s => s > 0);
    }

    [Fact]
    public async Task Call_ReentrantGrain_CallsInterleaveAtAwaits()
    {
        var probe = _host.Grains.GetGrain<IReentrantProbeGrain>($"reentrant-{Guid.NewGuid():N}");

        // Each call waits until all five are inside: only possible if they interleave.
        var most = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => probe.Gather(5)));

        Assert.Equal(5, most.Max());
    }

    [Fact]
    public async Task Call_GrainThrows_CallerGetsTheSameExceptionUnchanged()
    {
        var grain = _host.Grains.GetGrain<IFaultyGrain>(1);

        var thrown = await Assert.ThrowsAsync<FaultyGrainException>(() => grain.Throw("out of reagent"));

        Assert.Equal("out of reagent", thrown.Message);
        Assert.Equal(7, await grain.Answer(7));
    }

    [Fact]
    public async Task Call_ActivationFails_CallerGetsActivationExceptionAndNextCallRetries()
    {
        var grain = _host.Grains.GetGrain<IFaultyGrain>(-5);

        var thrown = await Assert.ThrowsAsync<GrainActivationException>(() => grain.Answer(1).AsTask());

        Assert.Contains("refuses to activate", thrown.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(thrown.InnerException);
        await Assert.ThrowsAsync<GrainActivationException>(() => grain.Answer(1).AsTask());
        Assert.Equal(0, _host.Silo.ActivationsByType()["faulty"]);
    }

    [Fact]
    public async Task Call_NoResponseWithinTimeout_FailsWithTimeoutAndGrainServesNextCall()
    {
        var grain = _host.Grains.GetGrain<IFaultyGrain>(2);
        Assert.Equal(3, await grain.Answer(3));

        var hanging = grain.Hang();
        _host.Time.Advance(TimeSpan.FromSeconds(31));

        var thrown = await Assert.ThrowsAsync<GrainCallTimeoutException>(() => hanging.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("faulty/2", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_GrainCallsItself_FailsAtOnceWithDeadlock()
    {
        var grain = _host.Grains.GetGrain<IChainGrain>("self");

        var thrown = await Assert.ThrowsAsync<DeadlockException>(() => grain.CallThrough("self", null).WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Contains("chain/self -> chain/self", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_CycleOfTwoGrains_FailsAtOnceWithDeadlock()
    {
        var a = _host.Grains.GetGrain<IChainGrain>("cycle-a");

        // a -> b -> a: b's call back into a waits for a, which waits for b.
        await Assert.ThrowsAsync<DeadlockException>(() => a.CallThrough("cycle-b", "cycle-a").WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("cycle-a", await a.Echo());
    }

    [Fact]
    public async Task Call_ChainWithoutCycle_Succeeds()
    {
        var a = _host.Grains.GetGrain<IChainGrain>("line-a");

        Assert.Equal("line-c", await a.CallThrough("line-b", "line-c"));
    }

    [Fact]
    public async Task Call_StatelessWorker_NeverMoreThanMaxActivations()
    {
        var gate = $"gate-{Guid.NewGuid():N}";
        var worker = _host.Grains.GetGrain<IWorkerGrain>(9);

        var calls = Enumerable.Range(0, 6).Select(_ => worker.Work(gate)).ToArray();
        var started = await Recorder.WaitForAsync(gate, 2);
        WorkerGrain.Open(gate);
        var served = await Task.WhenAll(calls);

        Assert.Equal(2, started.Distinct().Count());
        Assert.Equal(2, served.Distinct().Count());
        Assert.Equal(2, _host.Silo.ActivationsByType()["worker"]);
    }

    [Fact]
    public void GetGrain_UnknownInterface_FailsWithClearMessage()
    {
        var thrown = Assert.Throws<UnknownGrainTypeException>(() => _host.Grains.GetGrain<IUnimplementedGrain>("x"));

        Assert.Contains("No grain class implements", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetGrain_InterfaceWithDelegateParameter_FailsAsNotSerializable()
    {
        var thrown = Assert.Throws<InvalidGrainInterfaceException>(
            () => _host.Grains.GetGrain<IBadArgumentGrain>(new GrainId("badargument", "x")));

        Assert.Contains("cannot be serialized", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_UnknownGrainTypeInId_FailsWithClearMessage()
    {
        Assert.Throws<UnknownGrainTypeException>(() => _host.Grains.GetGrain<ICounterGrain>(new GrainId("nosuchtype", "x")));
        await Task.CompletedTask;
    }
}
