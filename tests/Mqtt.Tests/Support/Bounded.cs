namespace Visco.Mqtt.Tests.Support;

/// <summary>Every wait in these tests is bounded, so a broken flow fails instead of hanging.</summary>
internal static class Bounded
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Timeout);

    public static Task Within(this Task task) => task.WaitAsync(Timeout);
}
