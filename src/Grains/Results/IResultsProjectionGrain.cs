using Visco.Runtime.Abstractions;

namespace Visco.Grains.Results;

/// <summary>The results projection of one hospital (an implicit subscriber of its measurements stream).</summary>
[Alias("results-projection")]
public interface IResultsProjectionGrain : IGrainWithStringKey
{
    /// <summary>How many results the hospital has in the store.</summary>
    [Alias("count")]
    Task<long> Count(CancellationToken cancellationToken = default);
}
