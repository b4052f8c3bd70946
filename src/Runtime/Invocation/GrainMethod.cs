using System.Reflection;

namespace Visco.Runtime.Invocation;

/// <summary>
/// One method of a grain interface as the runtime sees it: its wire name, how it may interleave, and the compiled
/// delegates that build a request for it and invoke it on a grain instance.
/// </summary>
internal abstract class GrainMethod(MethodInfo method, string interfaceAlias, string alias, bool alwaysInterleave)
{
    /// <summary>The interface method.</summary>
    public MethodInfo Method { get; } = method;

    /// <summary>The interface's wire name.</summary>
    public string InterfaceAlias { get; } = interfaceAlias;

    /// <summary>The method's wire name, unique within its interface.</summary>
    public string Alias { get; } = alias;

    /// <summary>Whether calls to it may interleave with any other call.</summary>
    public bool AlwaysInterleave { get; } = alwaysInterleave;

    /// <summary>Human-readable <c>Interface.Method</c>, for errors, logs and metrics.</summary>
    public string DisplayName { get; } = $"{method.DeclaringType?.Name}.{method.Name}";

    /// <summary>Sends a call of this method and returns what the interface method returns (a Task or ValueTask).</summary>
    public abstract object Call(IGrainCallSink sink, Abstractions.GrainId target, object?[] arguments);

    /// <summary>A request of this method (for a call that arrived as a message).</summary>
    public abstract GrainRequest CreateRequest(Abstractions.GrainId target, object?[] arguments);
}
