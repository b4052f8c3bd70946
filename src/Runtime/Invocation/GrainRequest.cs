using Visco.Runtime.Abstractions;

namespace Visco.Runtime.Invocation;

/// <summary>
/// One call in flight: which method of which grain, its arguments, the call chain it was made from, and its result.
/// It is the invocation message of the runtime: interface alias, method alias and arguments are all a remote silo
/// needs, so the cluster serializes this rather than inventing another message.
/// </summary>
internal abstract class GrainRequest(GrainMethod method, GrainId target, object?[] arguments)
{
    /// <summary>The method called.</summary>
    public GrainMethod Method { get; } = method;

    /// <summary>The grain called.</summary>
    public GrainId Target { get; } = target;

    /// <summary>The call's arguments, in order.</summary>
    public object?[] Arguments { get; } = arguments;

    /// <summary>
    /// The grains up the chain of calls that led here (for deadlock detection); null from outside grains and for calls
    /// the runtime starts itself (a timer tick is the root of its own chain, not part of whoever armed the timer).
    /// </summary>
    public CallChain? Chain { get; init; } = RequestContext.CurrentChain;

    /// <summary>The activation whose turn runs this call, set when the turn starts (the turn's state, so starting one
    /// allocates no closure).</summary>
    public Catalog.ActivationData? RunningOn { get; set; }

    /// <summary>When the call was sent, as a <see cref="TimeProvider"/> timestamp.</summary>
    public long SentAt { get; set; }

    /// <summary>Whether the call counts as activity that keeps its activation from idle collection.</summary>
    public bool KeepsAlive { get; init; } = true;

    /// <summary>Whether a result, an exception or a timeout already completed it.</summary>
    public abstract bool IsCompleted { get; }

    /// <summary>The task the caller awaits, as a plain Task.</summary>
    public abstract Task Completion { get; }

    /// <summary>Whether the method ran and threw.</summary>
    public bool Failed => Exception is not null;

    /// <summary>What the method threw, once it ran.</summary>
    protected Exception? Exception { get; set; }

    /// <summary>
    /// Runs the method on the grain instance and keeps its outcome; never throws. The caller sees the outcome only at
    /// <see cref="Complete"/>, which the activation calls after its own bookkeeping for the turn, as Orleans sends a
    /// response only after the turn ends.
    /// </summary>
    public abstract Task InvokeAsync(object grain);

    /// <summary>Hands the kept outcome to the caller.</summary>
    public abstract void Complete();

    /// <summary>Completes the request with an exception unless it already completed.</summary>
    public abstract bool TryFail(Exception exception);
}
