namespace Visco.Runtime.Abstractions.State;

/// <summary>
/// Marks a grain constructor parameter of type <see cref="IPersistentState{TState}"/>: the runtime binds it to this
/// grain's record named <paramref name="stateName"/> in the storage provider <paramref name="storageName"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string? storageName = null) : Attribute
{
    /// <summary>The name of the state record (a grain may have several).</summary>
    public string StateName { get; } = stateName;

    /// <summary>The storage provider; null for the default one.</summary>
    public string? StorageName { get; } = storageName;
}
