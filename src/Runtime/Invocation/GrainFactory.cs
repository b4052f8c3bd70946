using Visco.Runtime.Abstractions;
using Visco.Runtime.Catalog;

namespace Visco.Runtime.Invocation;

/// <summary>Hands out references; activates nothing.</summary>
internal sealed class GrainFactory(GrainTypeRegistry types, IGrainCallSink sink) : IGrainFactory
{
    /// <inheritdoc />
    public TGrain GetGrain<TGrain>(string key)
        where TGrain : IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return Create<TGrain>(new GrainId(types.ForInterface(typeof(TGrain)).TypeName, key));
    }

    /// <inheritdoc />
    public TGrain GetGrain<TGrain>(Guid key)
        where TGrain : IGrainWithGuidKey =>
        Create<TGrain>(GrainId.Create(types.ForInterface(typeof(TGrain)).TypeName, key));

    /// <inheritdoc />
    public TGrain GetGrain<TGrain>(long key)
        where TGrain : IGrainWithIntegerKey =>
        Create<TGrain>(GrainId.Create(types.ForInterface(typeof(TGrain)).TypeName, key));

    /// <inheritdoc />
    public TGrain GetGrain<TGrain>(GrainId grainId)
        where TGrain : IGrain
    {
        var info = types.ForTypeName(grainId.Type);
        if (!typeof(TGrain).IsAssignableFrom(info.ClassType))
        {
            throw new UnknownGrainTypeException($"Grain type '{grainId.Type}' ({info.ClassType.Name}) does not implement {typeof(TGrain).Name}.");
        }

        return Create<TGrain>(grainId);
    }

    private TGrain Create<TGrain>(GrainId grainId) => GrainReference.Create<TGrain>(grainId, sink);
}
