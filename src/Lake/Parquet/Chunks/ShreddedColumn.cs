using System.Buffers;

namespace Visco.Lake.Parquet.Chunks;

/// <summary>
/// A column turned into what pages store (Dremel shredding): definition and repetition levels (null when the column
/// has none), the non-null values densely in their physical representation (bool[], int[], long[], float[],
/// double[], string[]), and the page boundaries. Level arrays come from <see cref="ArrayPool{T}.Shared"/> and may be
/// longer than <see cref="LevelCount"/>; they go back with <see cref="ReturnLevels"/> once the chunk is encoded or
/// assembled, which keeps large temporary arrays off the large-object heap (each of them would cost a full GC).
/// </summary>
internal sealed class ShreddedColumn(int[]? definition, int[]? repetition, int levelCount, Array dense, List<PageRange> pages)
{
    public int[]? Definition { get; } = definition;

    public int[]? Repetition { get; } = repetition;

    public int LevelCount { get; } = levelCount;

    public Array Dense { get; } = dense;

    public int ValueCount => Dense.Length;

    public List<PageRange> Pages { get; } = pages;

    public static int[] RentLevels(int count) => ArrayPool<int>.Shared.Rent(Math.Max(count, 1));

    public void ReturnLevels()
    {
        if (Definition is not null)
        {
            ArrayPool<int>.Shared.Return(Definition);
        }

        if (Repetition is not null)
        {
            ArrayPool<int>.Shared.Return(Repetition);
        }
    }
}
