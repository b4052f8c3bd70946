using System.Reflection;
using Visco.Runtime.Abstractions;

namespace Visco.Runtime.Catalog;

/// <summary>
/// The grain classes of the configured assemblies, by interface and by type name. An interface implemented by more
/// than one class can only be reached with a full <see cref="GrainId"/>, which names the class.
/// </summary>
internal sealed class GrainTypeRegistry
{
    private readonly Dictionary<string, GrainClassInfo> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, GrainClassInfo?> _byInterface = [];

    public GrainTypeRegistry(IEnumerable<Assembly> assemblies)
    {
        foreach (var type in assemblies.Distinct().SelectMany(SafeTypes))
        {
            if (type.IsAbstract || !type.IsClass || !typeof(Grain).IsAssignableFrom(type) || !typeof(IGrain).IsAssignableFrom(type))
            {
                continue;
            }

            var info = new GrainClassInfo(type);
            if (_byName.TryGetValue(info.TypeName, out var existing))
            {
                throw new InvalidOperationException(
                    $"Grain classes {existing.ClassType.FullName} and {type.FullName} share the grain type name '{info.TypeName}'; give one a [GrainType(\"...\")].");
            }

            _byName.Add(info.TypeName, info);
            foreach (var grainInterface in info.GrainInterfaces)
            {
                // Two implementations of one interface: null marks it ambiguous.
                _byInterface[grainInterface] = _byInterface.ContainsKey(grainInterface) ? null : info;
            }
        }
    }

    /// <summary>The grain interface with a wire name (its [Alias] or full name), or null.</summary>
    public Type? FindInterface(string alias) =>
        _byInterface.Keys.FirstOrDefault(i =>
            (i.GetCustomAttributes(typeof(AliasAttribute), false).OfType<AliasAttribute>().FirstOrDefault()?.Alias ?? i.FullName) == alias);

    /// <summary>Every registered class.</summary>
    public IReadOnlyCollection<GrainClassInfo> Classes => _byName.Values;

    /// <summary>The class implementing an interface.</summary>
    /// <exception cref="UnknownGrainTypeException">None, or more than one, implements it.</exception>
    public GrainClassInfo ForInterface(Type interfaceType)
    {
        if (!_byInterface.TryGetValue(interfaceType, out var info))
        {
            throw new UnknownGrainTypeException(
                $"No grain class implements {interfaceType.FullName}; is its assembly added to the silo (AddGrains)?");
        }

        return info ?? throw new UnknownGrainTypeException(
            $"Several grain classes implement {interfaceType.FullName}; get the grain by its GrainId to say which.");
    }

    /// <summary>The class with a grain type name.</summary>
    /// <exception cref="UnknownGrainTypeException">No class has that name.</exception>
    public GrainClassInfo ForTypeName(string typeName) =>
        _byName.TryGetValue(typeName, out var info)
            ? info
            : throw new UnknownGrainTypeException($"Unknown grain type '{typeName}': no registered grain class has that name.");

    private static IEnumerable<Type> SafeTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException exception)
        {
            return exception.Types.Where(t => t is not null)!;
        }
    }
}
