namespace Visco.Grains.Interfaces.Fleet;

/// <summary>A command that can no longer be withdrawn: it was sent, answered, or carries the desired configuration.</summary>
public sealed class CommandNotCancellableException(string commandId, string reason)
    : InvalidOperationException($"Command '{commandId}' cannot be cancelled: {reason}")
{
    /// <summary>The command id.</summary>
    public string CommandId { get; } = commandId;
}
