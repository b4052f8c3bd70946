using System.Globalization;
using System.Text.RegularExpressions;

namespace Visco.DomainStore.Sql;

/// <summary>
/// A provider's schema scripts among the embedded resources (<c>{Provider}/Migrations/NNNN_name.sql</c>), in version
/// order, numbered 1, 2, 3... without gaps, so a misnamed script fails at start-up rather than on production data.
/// </summary>
internal static partial class SchemaScripts
{
    public static IReadOnlyList<SchemaScript> For(string providerFolder)
    {
        var assembly = typeof(SchemaScripts).Assembly;
        var prefix = $"Visco.DomainStore.{providerFolder}.Migrations.";
        var scripts = new List<SchemaScript>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var name = resource[prefix.Length..];
            var match = ScriptName().Match(name);
            if (!match.Success)
            {
                throw new InvalidOperationException($"Schema resource '{resource}' is not named NNNN_description.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add(new SchemaScript(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), name, reader.ReadToEnd()));
        }

        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < scripts.Count; i++)
        {
            if (scripts[i].Version != i + 1)
            {
                throw new InvalidOperationException(
                    $"{providerFolder} schema scripts must be numbered 1, 2, 3... without gaps; found {scripts[i].Name} at place {i + 1}.");
            }
        }

        return scripts;
    }

    [GeneratedRegex(@"^_?(\d{4})_[A-Za-z0-9_]+\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex ScriptName();
}
