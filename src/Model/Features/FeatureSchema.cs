namespace Visco.Model.Features;

/// <summary>
/// Names and orders the features a model was trained on. A model only accepts feature vectors of the schema it was
/// trained with; any change to extraction must bump <see cref="Version"/>.
/// </summary>
public sealed class FeatureSchema
{
    /// <summary>Creates a schema.</summary>
    public FeatureSchema(string name, int version, IReadOnlyList<string> featureNames)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        Name = name;
        Version = version;
        FeatureNames = featureNames.ToArray();
    }

    /// <summary>Schema name, e.g. "visco-sweep".</summary>
    public string Name { get; }

    /// <summary>Schema version; bumped whenever a feature changes meaning or position.</summary>
    public int Version { get; }

    /// <summary>Feature names in vector order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Number of features.</summary>
    public int Count => FeatureNames.Count;

    /// <summary>Name and version, e.g. "visco-sweep/v1".</summary>
    public string Id => $"{Name}/v{Version}";

    /// <summary>True when <paramref name="other"/> has the same name, version and feature names in the same order.</summary>
    public bool IsCompatibleWith(FeatureSchema other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Name == other.Name && Version == other.Version && FeatureNames.SequenceEqual(other.FeatureNames, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Id} ({Count} features)";
}
