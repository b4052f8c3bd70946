using Visco.Lake.Layout;
using Visco.Lake.Storage;

namespace Visco.Grains.Models;

/// <summary>Model files in the training lake, at <c>lake/models/{version}/model.vmdl</c> (DESIGN.md section 8).</summary>
public sealed class LakeModelFileStore(ILakeStore lake) : IModelFileStore
{
    /// <summary>The file name of a model inside its version folder.</summary>
    public const string FileName = "model.vmdl";

    /// <inheritdoc />
    public Task SaveAsync(string version, byte[] modelFile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(modelFile);
        return lake.WriteAsync(
            LakePaths.ModelFile(version, FileName),
            (stream, ct) => stream.WriteAsync(modelFile, ct).AsTask(),
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<byte[]> LoadAsync(string version, CancellationToken cancellationToken = default)
    {
        var path = LakePaths.ModelFile(version, FileName);
        try
        {
            await using var stream = await lake.OpenReadAsync(path, cancellationToken);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, cancellationToken);
            return copy.ToArray();
        }
        catch (LakeObjectNotFoundException exception)
        {
            throw new FileNotFoundException($"The model file of version '{version}' is missing from the lake ({path}).", path, exception);
        }
    }
}
