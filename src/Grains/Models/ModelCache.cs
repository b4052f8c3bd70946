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

    private ViscosityModel? _active;

    /// <summary>
    /// The model every inference worker of this silo serves now; null before the first is loaded. One for the silo, so a
    /// swap is seen by all workers at once: with a model per worker, each swapping on its own timer, a device's calls
    /// spread over the workers could get a result of the new version and then one of the old.
    /// </summary>
    public ViscosityModel? Active => Volatile.Read(ref _active);

    /// <summary>The version the silo serves now, for readiness; null before any.</summary>
    public string? ActiveVersion => Active?.Version;

    /// <summary>Whether a model is loaded and serving.</summary>
    public bool IsReady => Active is not null;

    /// <summary>The model of a version, loading its file once.</summary>
    public Task<ViscosityModel> GetAsync(string version, Func<Task<byte[]>> loadFile)
    {
        ArgumentNullException.ThrowIfNull(loadFile);
        var entry = _models.GetOrAdd(version, v => new Lazy<Task<ViscosityModel>>(() => LoadAsync(v, loadFile)));
        return entry.Value;
    }

    /// <summary>
    /// Serves <paramref name="model"/> from now on, unless another worker swapped since <paramref name="seen"/> (what was
    /// active when the caller asked the registry): that worker's answer is at least as recent, and a worker whose
    /// registry read came before an activation must not undo it. True when swapped.
    /// </summary>
    public bool TrySwap(ViscosityModel model, ViscosityModel? seen) =>
        ReferenceEquals(Interlocked.CompareExchange(ref _active, model, seen), seen);

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
