using System.Collections.Frozen;
using System.Security.Cryptography;

namespace Visco.Dashboard.Endpoints;

/// <summary>
/// The page's HTML, CSS and JavaScript, embedded in this assembly (logical names "Visco.Dashboard.Assets.{file}"), read
/// once and served from memory with an ETag.
/// </summary>
internal static class DashboardAssets
{
    private const string Prefix = "Visco.Dashboard.Assets.";

    private static readonly Lazy<FrozenDictionary<string, Asset>> All = new(Load);

    /// <summary>The asset of a file name, or null.</summary>
    public static Asset? Find(string fileName) => All.Value.GetValueOrDefault(fileName);

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"Embedded dashboard asset '{name}' is listed but cannot be opened.");
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            var bytes = memory.ToArray();
            var fileName = name[Prefix.Length..];
            assets[fileName] = new Asset(bytes, ContentType(fileName), $"\"{Convert.ToHexString(SHA256.HashData(bytes))[..16]}\"");
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentType(string fileName) => Path.GetExtension(fileName) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };

    /// <summary>One embedded file.</summary>
    /// <param name="Content">Its bytes.</param>
    /// <param name="ContentType">Its media type.</param>
    /// <param name="ETag">A strong validator of its content.</param>
    internal sealed record Asset(byte[] Content, string ContentType, string ETag);
}
