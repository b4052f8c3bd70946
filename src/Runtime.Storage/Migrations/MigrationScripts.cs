using System.Globalization;
using System.Text.RegularExpressions;

namespace Visco.Runtime.Storage.Migrations;

/// <summary>
/// Finds a provider's scripts among the embedded resources (<c>{Provider}/Migrations/NNNN_name.sql</c>), in version
/// order. Versions must run 1, 2, 3... without gaps, so a missing or misnamed script fails at start-up, not in production data.
/// </summary>
public static partial class MigrationScripts
{
    /// <summary>The scripts of one provider folder ("Sqlite" or "Postgres").</summary>
    public static IReadOnlyList<MigrationScript> For(string providerFolder)
    {
        var assembly = typeof(MigrationScripts).Assembly;
        var prefix = $"Visco.Runtime.Storage.{providerFolder}.Migrations.";
        var scripts = new List<MigrationScript>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var name = resource[prefix.Length..];
            var match = ScriptName().Match(name);
            if (!match.Success)
            {
                throw new InvalidOperationException($"Migration resource '{resource}' is not named NNNN_description.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add(new MigrationScript(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), name, reader.ReadToEnd()));
        }

        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < scripts.Count; i++)
        {
            if (scripts[i].Version != i + 1)
            {
                throw new InvalidOperationException(
                    $"{providerFolder} migration scripts must be numbered 1, 2, 3... without gaps; found {scripts[i].Name} at place {i + 1}.");
            }
        }

        return scripts;
    }

    [GeneratedRegex(@"^_?(\d{4})_[A-Za-z0-9_]+\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex ScriptName();
}
