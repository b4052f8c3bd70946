using System.Reflection;
using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.Streams;

namespace Visco.Runtime.Catalog;

/// <summary>What the runtime knows of a grain class: its stable type name and how its activations behave.</summary>
internal sealed class GrainClassInfo
{
    private int _activeCount;

    public GrainClassInfo(Type classType)
    {
        ClassType = classType;
        TypeName = classType.GetCustomAttribute<GrainTypeAttribute>()?.Name ?? DefaultTypeName(classType);
        IsReentrant = classType.GetCustomAttribute<ReentrantAttribute>() is not null;
        MaxLocalWorkers = classType.GetCustomAttribute<StatelessWorkerAttribute>()?.MaxLocalWorkers ?? 0;
        CollectionAge = classType.GetCustomAttribute<CollectionAgeLimitAttribute>()?.Age;
        ImplicitStreamNamespaces = classType.GetCustomAttributes<ImplicitStreamSubscriptionAttribute>()
            .Select(a => a.Namespace).ToArray();
        GrainInterfaces = classType.GetInterfaces()
            .Where(i => typeof(IGrain).IsAssignableFrom(i) && i != typeof(IGrain) && !IsKeyMarker(i))
            .ToArray();
    }

    /// <summary>The grain class.</summary>
    public Type ClassType { get; }

    /// <summary>The stable type name used in grain ids.</summary>
    public string TypeName { get; }

    /// <summary>Whether calls interleave at awaits (<see cref="ReentrantAttribute"/>).</summary>
    public bool IsReentrant { get; }

    /// <summary>Activations per key for a stateless worker; 0 for an ordinary grain.</summary>
    public int MaxLocalWorkers { get; }

    /// <summary>Whether this is a stateless worker.</summary>
    public bool IsStatelessWorker => MaxLocalWorkers > 0;

    /// <summary>The class's own idle age, if it sets one.</summary>
    public TimeSpan? CollectionAge { get; }

    /// <summary>Stream namespaces whose streams activate this class per stream key.</summary>
    public IReadOnlyList<string> ImplicitStreamNamespaces { get; }

    /// <summary>The grain interfaces the class implements.</summary>
    public IReadOnlyList<Type> GrainInterfaces { get; }

    /// <summary>Activations of this class alive now.</summary>
    public int ActiveCount => Volatile.Read(ref _activeCount);

    /// <summary>Counts an activation in (+1) or out (-1).</summary>
    public void CountActivation(int delta) => Interlocked.Add(ref _activeCount, delta);

    private static bool IsKeyMarker(Type type) =>
        type == typeof(IGrainWithStringKey) || type == typeof(IGrainWithGuidKey) || type == typeof(IGrainWithIntegerKey);

    private static string DefaultTypeName(Type type)
    {
        var name = type.Name;
        if (name.EndsWith("Grain", StringComparison.Ordinal) && name.Length > "Grain".Length)
        {
            name = name[..^"Grain".Length];
        }

        return name.ToLowerInvariant();
    }
}
