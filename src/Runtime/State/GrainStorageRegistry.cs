using Visco.Runtime.Abstractions.Storage;

namespace Visco.Runtime.State;

/// <summary>The storage providers grains can name in <c>[PersistentState(name, storage)]</c>; "default" when unnamed.</summary>
public sealed class GrainStorageRegistry
{
    /// <summary>The name of the storage used when a state names none.</summary>
    public const string DefaultName = "default";

    private readonly Dictionary<string, IGrainStorage> _storages = new(StringComparer.Ordinal);

    /// <summary>Registers a provider under a name.</summary>
    public void Add(string name, IGrainStorage storage) => _storages[name] = storage;

    /// <summary>The provider with a name.</summary>
    /// <exception cref="InvalidOperationException">None is registered under it.</exception>
    public IGrainStorage Get(string? name) =>
        _storages.TryGetValue(name ?? DefaultName, out var storage)
            ? storage
            : throw new InvalidOperationException(
                $"No grain storage named '{name ?? DefaultName}' is configured; register it on the silo or fix the [PersistentState] attribute.");
}
