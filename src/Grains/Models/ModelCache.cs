using System.Collections.Concurrent;
using Visco.Model;
using Visco.Model.Files;

namespace Visco.Grains.Models;

/// <summary>
/// Loaded models of this silo by version, shared by every inference worker so a swap parses the file once, not once
/// per worker. Models are immutable and thread-safe; a superseded one stays valid for calls still using it.
/// </summary>
public sealed class ModelCache
{
    private const int MaxVersions = 4;
    private readonly ConcurrentDictionary<string, Lazy<Task<ViscosityModel>>> _models = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    /// <summary>The version the silo serves now (set by workers on load), for readiness; null before any.</summary>
    public string? ActiveVersion { get; private set; }

    /// <summary>Whether a model is loaded and serving.</summary>
    public bool IsReady => ActiveVersion is not null;

    /// <summary>The model of a version, loading its file once.</summary>
    public Task<ViscosityModel> GetAsync(string version, Func<Task<byte[]>> loadFile)
    {
        ArgumentNullException.ThrowIfNull(loadFile);
        var entry = _models.GetOrAdd(version, v => new Lazy<Task<ViscosityModel>>(() => LoadAsync(v, loadFile)));
        return entry.Value;
    }

    /// <summary>Records the version now served.</summary>
    public void MarkActive(string version) => ActiveVersion = version;

    private async Task<ViscosityModel> LoadAsync(string version, Func<Task<byte[]>> loadFile)
    {
        try
        {
            var bytes = await loadFile();
            using var stream = new MemoryStream(bytes, writable: false);
            var model = ModelFile.Load(stream);
            _order.Enqueue(version);
            while (_order.Count > MaxVersions && _order.TryDequeue(out var old))
            {
                _models.TryRemove(old, out _);
            }

            return model;
        }
        catch
        {
            // A failed load must not stick: the next refresh tries again.
            _models.TryRemove(version, out _);
            throw;
        }
    }
}
