using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Abstractions.Streams;
using Visco.Runtime.Catalog;

namespace Visco.Runtime.Streams;

/// <summary>The silo's stream providers and the agent that delivers their events.</summary>
internal sealed class StreamRuntime
{
    /// <summary>The name of the durable provider (the only one, for now).</summary>
    public const string DurableProviderName = "durable";

    private readonly DurableStreamProvider _durable;

    public StreamRuntime(GrainRuntime runtime, IStreamQueueStorage storage)
    {
        Agent = new StreamDeliveryAgent(runtime, storage);
        _durable = new DurableStreamProvider(DurableProviderName, storage, Agent);
    }

    /// <summary>The delivery agent.</summary>
    public StreamDeliveryAgent Agent { get; }

    /// <summary>The provider with a name.</summary>
    public IStreamProvider GetProvider(string name) =>
        name == DurableProviderName
            ? _durable
            : throw new InvalidOperationException($"No stream provider named '{name}'; the silo offers '{DurableProviderName}'.");
}
