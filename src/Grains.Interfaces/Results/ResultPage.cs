namespace Visco.Grains.Interfaces.Results;

/// <summary>One page of results.</summary>
/// <param name="Items">The results, newest first.</param>
/// <param name="NextCursor">The cursor of the next page; null when this is the last.</param>
public sealed record ResultPage(IReadOnlyList<StoredResult> Items, string? NextCursor);
