using System.Text;
using Visco.Runtime.Abstractions;
using Visco.Runtime.Invocation;
using Visco.Runtime.Placement;
using Visco.Runtime.Storage.Memory;
using Visco.Runtime.Tests.Grains;
using Visco.Runtime.Tests.Hosting;

namespace Visco.Runtime.Tests;

/// <summary>Invocations as serializable messages, and the directory that keeps one activation per grain.</summary>
public sealed class InvocationTests : IAsyncLifetime
{
    private TestSilo _host = null!;

    public async Task InitializeAsync() => _host = await TestSilo.StartAsync(time => new MemoryRuntimeStore(new MemoryDatabase(), time));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Message_SerializedAndReadBack_InvokesTheSameCall()
    {
        var method = GrainInterfaceInfo.For(typeof(ICounterGrain))[typeof(ICounterGrain).GetMethod(nameof(ICounterGrain.Add))!];
        var original = method.CreateRequest(new GrainId("counter", "wire"), [5]);

        var bytes = InvocationCodec.Serialize(original);
        var (target, readMethod, arguments) = InvocationCodec.Deserialize(bytes, _host.Silo.Runtime.Types.FindInterface);
        var request = (GrainRequest<int>)readMethod.CreateRequest(target, arguments);
        _host.Silo.Runtime.Catalog.Send(request);

        Assert.Contains("\"method\":\"Add\"", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.Equal(5, await request.Task);
        Assert.Equal(5, await _host.Grains.GetGrain<ICounterGrain>("wire").Get());
    }

    [Fact]
    public void Message_UnknownMethod_RefusedWithClearError()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"target\":\"counter/x\",\"interface\":\"" + typeof(ICounterGrain).FullName + "\",\"method\":\"Explode\",\"arguments\":[]}");

        var thrown = Assert.Throws<InvalidDataException>(() => InvocationCodec.Deserialize(bytes, _host.Silo.Runtime.Types.FindInterface));

        Assert.Contains("has no method 'Explode'", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Directory_GrainRegisteredElsewhere_ActivationRefusedNotDuplicated()
    {
        var grainId = new GrainId("counter", "elsewhere");
        var other = new GrainAddress(grainId, new SiloAddress("10.0.0.2:11111", 1), Guid.NewGuid());
        await _host.Silo.Runtime.Directory.RegisterAsync(other);

        var thrown = await Assert.ThrowsAsync<GrainActivationException>(() => _host.Grains.GetGrain<ICounterGrain>("elsewhere").Get());

        Assert.Contains("already active on silo 10.0.0.2:11111", thrown.Message, StringComparison.Ordinal);
        Assert.Equal(other, await _host.Silo.Runtime.Directory.LookupAsync(grainId));
    }
}
