using System.Reflection;
using Visco.Runtime.Abstractions;

namespace Visco.Runtime.Invocation;

/// <summary>A grain method returning <c>Task</c> or <c>ValueTask</c>.</summary>
internal sealed class VoidGrainMethod(
    MethodInfo method,
    string interfaceAlias,
    string alias,
    bool alwaysInterleave,
    Func<object, object?[], Task> invoker,
    bool returnsValueTask)
    : GrainMethod(method, interfaceAlias, alias, alwaysInterleave)
{
    /// <summary>Calls the method on a grain instance.</summary>
    public Func<object, object?[], Task> Invoker { get; } = invoker;

    /// <inheritdoc />
    public override GrainRequest CreateRequest(GrainId target, object?[] arguments) => new VoidGrainRequest(this, target, arguments);

    /// <inheritdoc />
    public override object Call(IGrainCallSink sink, GrainId target, object?[] arguments)
    {
        var request = new VoidGrainRequest(this, target, arguments);
        sink.Send(request);
        return returnsValueTask ? new ValueTask(request.Task) : request.Task;
    }
}
