namespace Visco.Runtime.Abstractions.Streams;

/// <summary>
/// Every stream in the namespace is consumed by the grain of this class whose key is the stream's key: an event
/// activates it, and it subscribes to its stream in <see cref="Grain.OnActivateAsync"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ImplicitStreamSubscriptionAttribute(string streamNamespace) : Attribute
{
    /// <summary>The stream namespace.</summary>
    public string Namespace { get; } = streamNamespace;
}
