namespace Visco.Grains.Interfaces.Results;

/// <summary>A page request over results, newest first.</summary>
/// <param name="From">Only results received at or after this time.</param>
/// <param name="To">Only results received before this time.</param>
/// <param name="Cursor">The <see cref="ResultPage.NextCursor"/> of the previous page; null for the first page.</param>
/// <param name="Limit">Page size, 1-<see cref="MaxLimit"/>.</param>
/// <param name="IncludeSweep">
/// Whether each result carries its raw sweep (shear rates and stresses). Lists leave it out unless asked: it is most of
/// a row's size, and a result by sample always has it.
/// </param>
public sealed record ResultQuery(DateTimeOffset? From = null, DateTimeOffset? To = null, string? Cursor = null, int Limit = 100, bool IncludeSweep = false)
{
    /// <summary>The largest page.</summary>
    public const int MaxLimit = 1000;
}
