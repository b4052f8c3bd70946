using Visco.Runtime.Abstractions;

namespace Visco.Runtime.Invocation;

/// <summary>A request whose method returns a value.</summary>
internal sealed class GrainRequest<TResult>(GrainMethod<TResult> method, GrainId target, object?[] arguments)
    : GrainRequest(method, target, arguments)
{
    // Continuations run asynchronously so a caller's code never runs inline on the callee's activation thread,
    // where it would inherit the callee's TaskScheduler and break the callee's turn.
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TResult? _result;

    /// <summary>The task the caller awaits.</summary>
    public Task<TResult> Task => _completion.Task;

    /// <inheritdoc />
    public override bool IsCompleted => _completion.Task.IsCompleted;

    /// <inheritdoc />
    public override Task Completion => _completion.Task;

    /// <inheritdoc />
    public override async Task InvokeAsync(object grain)
    {
        try
        {
            _result = await method.Invoker(grain, Arguments);
        }
        catch (Exception exception)
        {
            Exception = exception;
        }
    }

    /// <inheritdoc />
    public override void Complete()
    {
        if (Exception is null)
        {
            _completion.TrySetResult(_result!);
        }
        else
        {
            _completion.TrySetException(Exception);
        }
    }

    /// <inheritdoc />
    public override bool TryFail(Exception exception) => _completion.TrySetException(exception);
}
