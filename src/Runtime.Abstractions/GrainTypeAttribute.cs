namespace Visco.Runtime.Abstractions;

/// <summary>
/// The stable grain type name used in <see cref="GrainId"/> (and so in storage keys). Without it the runtime uses the
/// class name, lower-cased, without a trailing "Grain".
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    /// <summary>The grain type name.</summary>
    public string Name { get; } = name;
}
