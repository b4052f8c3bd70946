using System.Globalization;
using System.Text;

namespace Visco.Lake.Layout;

/// <summary>
/// Escapes partition values the way Hive (and Spark, pyarrow, DuckDB after it) does: characters that would break a
/// path or a <c>key=value</c> segment become <c>%XX</c> (uppercase hex of the UTF-16 code unit, as Hive's
/// FileUtils.escapePathName writes them), so <c>a/b=c</c> is stored as <c>a%2Fb%3Dc</c> and parsed back exactly.
/// </summary>
public static class HivePathEscaper
{
    /// <summary>Escapes a partition value.</summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            // Hive's own marker for an empty or null partition value.
            return "__HIVE_DEFAULT_PARTITION__";
        }

        StringBuilder? builder = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (NeedsEscape(c))
            {
                builder ??= new StringBuilder(value, 0, i, value.Length + 8);
                builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder?.Append(c);
            }
        }

        return builder?.ToString() ?? value;
    }

    /// <summary>Reverses <see cref="Escape"/>; a malformed escape is kept literally, as Hive does.</summary>
    public static string Unescape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value == "__HIVE_DEFAULT_PARTITION__")
        {
            return string.Empty;
        }

        if (!value.Contains('%', StringComparison.Ordinal))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '%' && i + 2 < value.Length &&
                int.TryParse(value.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                builder.Append((char)code);
                i += 2;
            }
            else
            {
                builder.Append(value[i]);
            }
        }

        return builder.ToString();
    }

    private static bool NeedsEscape(char c) =>
        c < 0x20 || c == 0x7F || c is '"' or '#' or '%' or '\'' or '*' or '/' or ':' or '=' or '?' or '\\' or '{' or '[' or ']' or '^';
}
