using System.Globalization;

namespace Visco.Runtime.Abstractions;

/// <summary>
/// A grain's identity: its grain type (a stable name, see <see cref="GrainTypeAttribute"/>) and its key. Persisted
/// state, reminders and stream checkpoints are keyed by <see cref="ToString"/>, so both parts must stay stable.
/// </summary>
public readonly record struct GrainId(string Type, string Key)
{
    /// <summary>The grain id for a Guid key, formatted the one way the runtime uses.</summary>
    public static GrainId Create(string type, Guid key) => new(type, key.ToString("N"));

    /// <summary>The grain id for an integer key, formatted invariantly.</summary>
    public static GrainId Create(string type, long key) => new(type, key.ToString(CultureInfo.InvariantCulture));

    /// <summary>Parses the <c>type/key</c> form written by <see cref="ToString"/>.</summary>
    public static GrainId Parse(string value)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            throw new FormatException($"'{value}' is not a grain id of the form type/key.");
        }

        return new GrainId(value[..slash], value[(slash + 1)..]);
    }

    /// <summary><c>type/key</c>: the key may itself contain slashes; the type never does.</summary>
    public override string ToString() => $"{Type}/{Key}";
}
