using Visco.Runtime.Abstractions;

namespace Visco.Grains.Archive;

/// <summary>The training-lake archive of one hospital (an implicit subscriber of its measurements stream).</summary>
[Alias("archive")]
public interface IArchiveGrain : IGrainWithStringKey
{
    /// <summary>Where the archive stands.</summary>
    [Alias("get-status")]
    Task<ArchiveStatus> GetStatus(CancellationToken cancellationToken = default);

    /// <summary>Writes the pending batch now, whatever its size and age (operators, shutdown, tests).</summary>
    [Alias("flush")]
    Task<ArchiveStatus> Flush(CancellationToken cancellationToken = default);
}
