namespace Visco.MqttFrontDoor.Tests.Support;

/// <summary>Bounded waits for a condition that other threads make true (no sleeping on a fixed time).</summary>
public static class Eventually
{
    /// <summary>Waits until the condition holds, polling by yielding; fails after the bound.</summary>
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? bound = null)
    {
        var deadline = DateTime.UtcNow + (bound ?? RawMqttClient.Patience);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"timed out waiting for: {what}");
            }

            await Task.Delay(5);
        }
    }
}
