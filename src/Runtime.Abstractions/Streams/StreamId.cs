namespace Visco.Runtime.Abstractions.Streams;

/// <summary>A stream's identity: a namespace (what kind of events) and a key (whose events).</summary>
public readonly record struct StreamId(string Namespace, string Key)
{
    /// <summary><c>namespace/key</c>.</summary>
    public override string ToString() => $"{Namespace}/{Key}";
}
