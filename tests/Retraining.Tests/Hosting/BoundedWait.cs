namespace Visco.Retraining.Tests.Hosting;

/// <summary>
/// Waits for a condition that has no event to wait on (a grain's view of a stream it consumes), checking it again
/// every few milliseconds, and fails after the bound instead of hanging.
/// </summary>
public static class BoundedWait
{
    /// <summary>Returns when the condition holds; throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var deadline = new CancellationTokenSource(timeout);
        while (!await condition())
        {
            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"Waited {timeout} for {what}.");
            }

            await Task.Delay(5, CancellationToken.None);
        }
    }
}
