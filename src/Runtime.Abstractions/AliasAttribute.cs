namespace Visco.Runtime.Abstractions;

/// <summary>
/// The stable wire name of a grain interface or method, so renaming the C# member never breaks persisted references
/// or messages in flight.
/// </summary>
[AttributeUsage(AttributeTargets.Interface | AttributeTargets.Method, Inherited = false)]
public sealed class AliasAttribute(string alias) : Attribute
{
    /// <summary>The wire name.</summary>
    public string Alias { get; } = alias;
}
