using Visco.Runtime.Abstractions;

namespace Visco.Runtime.Invocation;

/// <summary>A request whose method returns no value.</summary>
internal sealed class VoidGrainRequest(VoidGrainMethod method, GrainId target, object?[] arguments)
    : GrainRequest(method, target, arguments)
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The task the caller awaits.</summary>
    public Task Task => _completion.Task;

    /// <inheritdoc />
    public override bool IsCompleted => _completion.Task.IsCompleted;

    /// <inheritdoc />
    public override Task Completion => _completion.Task;

    /// <inheritdoc />
    public override async Task InvokeAsync(object grain)
    {
        try
        {
            await method.Invoker(grain, Arguments);
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
            _completion.TrySetResult();
        }
        else
        {
            _completion.TrySetException(Exception);
        }
    }

    /// <inheritdoc />
    public override bool TryFail(Exception exception) => _completion.TrySetException(exception);
}
