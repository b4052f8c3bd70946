namespace Visco.Runtime.Metrics;

/// <summary>
/// Up to three tags of a measurement as a dictionary key, without allocating: the metric hot path builds one per
/// measurement to find its series. More than three tags are folded into a string (rare; allocates).
/// </summary>
internal readonly struct TagSet : IEquatable<TagSet>
{
    private readonly KeyValuePair<string, object?> _a;
    private readonly KeyValuePair<string, object?> _b;
    private readonly KeyValuePair<string, object?> _c;
    private readonly int _count;
    private readonly int _hash;

    public TagSet(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        _count = Math.Min(tags.Length, 3);
        _a = tags.Length > 0 ? tags[0] : default;
        _b = tags.Length > 1 ? tags[1] : default;
        _c = tags.Length > 2 ? tags[2] : default;
        if (tags.Length > 3)
        {
            var rest = string.Join(",", tags[2..].ToArray().Select(t => $"{t.Key}={t.Value}"));
            _c = new KeyValuePair<string, object?>("_rest", rest);
        }

        _hash = HashCode.Combine(_count, _a.Key, _a.Value, _b.Key, _b.Value, _c.Key, _c.Value);
    }

    /// <summary>The tags, in the order they were recorded.</summary>
    public IEnumerable<KeyValuePair<string, object?>> Tags
    {
        get
        {
            if (_count > 0)
            {
                yield return _a;
            }

            if (_count > 1)
            {
                yield return _b;
            }

            if (_count > 2)
            {
                yield return _c;
            }
        }
    }

    /// <inheritdoc />
    public bool Equals(TagSet other) =>
        _hash == other._hash && _count == other._count
        && Same(_a, other._a) && Same(_b, other._b) && Same(_c, other._c);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is TagSet other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _hash;

    private static bool Same(KeyValuePair<string, object?> x, KeyValuePair<string, object?> y) =>
        string.Equals(x.Key, y.Key, StringComparison.Ordinal) && Equals(x.Value, y.Value);
}
