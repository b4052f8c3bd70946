namespace Visco.Grains.Models;

/// <summary>Where the model registry keeps model files, durably, by version.</summary>
public interface IModelFileStore
{
    /// <summary>Stores a version's file (atomically: a reader sees the whole file or none).</summary>
    Task SaveAsync(string version, byte[] modelFile, CancellationToken cancellationToken = default);

    /// <summary>Reads a version's file; <see cref="FileNotFoundException"/> when it is missing.</summary>
    Task<byte[]> LoadAsync(string version, CancellationToken cancellationToken = default);
}
