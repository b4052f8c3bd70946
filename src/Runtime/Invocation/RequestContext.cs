namespace Visco.Runtime.Invocation;

/// <summary>
/// The call chain of the turn running on this async flow. Set by an activation as it starts a request, it flows
/// across the grain method's awaits into every call the method makes.
/// </summary>
internal static class RequestContext
{
    private static readonly AsyncLocal<CallChain?> Chain = new();

    /// <summary>The chain of the current turn; null outside grain code.</summary>
    public static CallChain? CurrentChain
    {
        get => Chain.Value;
        set => Chain.Value = value;
    }
}
