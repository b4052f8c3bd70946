namespace Visco.Lake.Parquet.Chunks;

/// <summary>
/// A column turned into what pages store (Dremel shredding): definition and repetition levels (null when the column
/// has none), the non-null values densely in their physical representation (bool[], int[], long[], float[],
/// double[], string[]), and the page boundaries.
/// </summary>
internal sealed class ShreddedColumn(int[]? definition, int[]? repetition, int levelCount, Array dense, List<PageRange> pages)
{
    public int[]? Definition { get; } = definition;

    public int[]? Repetition { get; } = repetition;

    public int LevelCount { get; } = levelCount;

    public Array Dense { get; } = dense;

    public int ValueCount => Dense.Length;

    public List<PageRange> Pages { get; } = pages;
}
