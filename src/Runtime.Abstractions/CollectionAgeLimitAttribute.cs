namespace Visco.Runtime.Abstractions;

/// <summary>How long an activation of this grain class may stay idle before it is deactivated.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class CollectionAgeLimitAttribute(double minutes) : Attribute
{
    /// <summary>The idle age after which the activation is collected.</summary>
    public TimeSpan Age { get; } = TimeSpan.FromMinutes(minutes);
}
