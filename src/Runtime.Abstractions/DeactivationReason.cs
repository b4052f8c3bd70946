namespace Visco.Runtime.Abstractions;

/// <summary>Why an activation is being deactivated.</summary>
public enum DeactivationReason
{
    /// <summary>Idle longer than its collection age.</summary>
    IdleCollection = 0,

    /// <summary>The grain asked for it with <c>DeactivateOnIdle</c>.</summary>
    ApplicationRequested = 1,

    /// <summary>The silo is shutting down.</summary>
    ShuttingDown = 2,

    /// <summary>Activation failed, or the grain threw from a lifecycle method.</summary>
    ActivationFailed = 3,
}
