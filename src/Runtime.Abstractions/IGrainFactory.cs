namespace Visco.Runtime.Abstractions;

/// <summary>
/// Hands out grain references. Getting a reference activates nothing: the first call does. References are cheap,
/// comparable (same grain, same interface = equal) and serializable.
/// </summary>
public interface IGrainFactory
{
    /// <summary>A reference to the grain with the given string key.</summary>
    TGrain GetGrain<TGrain>(string key)
        where TGrain : IGrainWithStringKey;

    /// <summary>A reference to the grain with the given Guid key.</summary>
    TGrain GetGrain<TGrain>(Guid key)
        where TGrain : IGrainWithGuidKey;

    /// <summary>A reference to the grain with the given integer key.</summary>
    TGrain GetGrain<TGrain>(long key)
        where TGrain : IGrainWithIntegerKey;

    /// <summary>A reference of the given interface to the grain with the given identity.</summary>
    TGrain GetGrain<TGrain>(GrainId grainId)
        where TGrain : IGrain;
}
