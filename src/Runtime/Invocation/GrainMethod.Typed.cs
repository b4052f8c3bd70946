using System.Reflection;
using Visco.Runtime.Abstractions;

namespace Visco.Runtime.Invocation;

/// <summary>A grain method returning <c>Task&lt;TResult&gt;</c> or <c>ValueTask&lt;TResult&gt;</c>.</summary>
internal sealed class GrainMethod<TResult>(
    MethodInfo method,
    string interfaceAlias,
    string alias,
    bool alwaysInterleave,
    Func<object, object?[], Task<TResult>> invoker,
    bool returnsValueTask)
    : GrainMethod(method, interfaceAlias, alias, alwaysInterleave)
{
    /// <summary>Calls the method on a grain instance.</summary>
    public Func<object, object?[], Task<TResult>> Invoker { get; } = invoker;

    /// <inheritdoc />
    public override GrainRequest CreateRequest(GrainId target, object?[] arguments) => new GrainRequest<TResult>(this, target, arguments);

    /// <inheritdoc />
    public override object Call(IGrainCallSink sink, GrainId target, object?[] arguments)
    {
        var request = new GrainRequest<TResult>(this, target, arguments);
        sink.Send(request);
        return returnsValueTask ? new ValueTask<TResult>(request.Task) : request.Task;
    }
}
