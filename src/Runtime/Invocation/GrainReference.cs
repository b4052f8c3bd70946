using System.Reflection;
using Visco.Runtime.Abstractions;

namespace Visco.Runtime.Invocation;

/// <summary>
/// The base of every grain reference. <see cref="DispatchProxy"/> generates a subclass implementing the grain
/// interface (so this class cannot be sealed); each interface call becomes a <see cref="GrainRequest"/> sent to the
/// call sink. Two references are equal when they point at the same grain through the same interface.
/// </summary>
public class GrainReference : DispatchProxy, IAddressable
{
    private GrainInterfaceInfo? _interface;
    private IGrainCallSink? _sink;

    /// <inheritdoc />
    public GrainId GrainId { get; private set; }

    /// <summary>The grain interface this reference implements.</summary>
    public Type InterfaceType => _interface!.InterfaceType;

    internal static TGrain Create<TGrain>(GrainId grainId, IGrainCallSink sink)
    {
        var info = GrainInterfaceInfo.For(typeof(TGrain));
        var proxy = Create<TGrain, GrainReference>();
        var reference = (GrainReference)(object)proxy!;
        reference.GrainId = grainId;
        reference._interface = info;
        reference._sink = sink;
        return proxy;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) =>
        obj is GrainReference other && other.GrainId == GrainId && other._interface == _interface;

    /// <inheritdoc />
    public override int GetHashCode() => GrainId.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => $"{_interface?.InterfaceType.Name}:{GrainId}";

    /// <inheritdoc />
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        return _interface![targetMethod].Call(_sink!, GrainId, args ?? []);
    }
}
