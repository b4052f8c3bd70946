namespace Visco.Runtime.Placement;

/// <summary>A silo: where it listens and which start of it (a restarted silo is a new generation).</summary>
public sealed record SiloAddress(string Endpoint, long Generation)
{
    /// <summary>The silo of this process when it is the only one.</summary>
    public static SiloAddress Local { get; } = new("local", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
}
