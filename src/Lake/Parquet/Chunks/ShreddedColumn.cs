using System.Buffers;

namespace Visco.Lake.Parquet.Chunks;

/// <summary>
/// A column turned into what pages store (Dremel shredding): definition and repetition levels (null when the column
/// has none), the non-null values densely in their physical representation (bool[], int[], long[], float[],
/// double[], string[]), and the page boundaries. Level arrays come from <see cref="ArrayPool{T}.Shared"/> and may be
/// longer than <see cref="LevelCount"/>; they go back with <see cref="ReturnLevels"/> once the chunk is encoded or
/// assembled, which keeps large temporary arrays off the large-object heap (each of them would cost a full GC).
/// A reader may rent <see cref="Dense"/> too (then it is longer than <see cref="ValueCount"/>), and the whole column
/// goes back with <see cref="Return"/>.
/// </summary>
internal sealed class ShreddedColumn(int[]? definition, int[]? repetition, int levelCount, Array dense, List<PageRange> pages, int valueCount = -1)
{
    public int[]? Definition { get; } = definition;

    public int[]? Repetition { get; } = repetition;

    public int LevelCount { get; } = levelCount;

    public Array Dense { get; } = dense;

    public int ValueCount { get; } = valueCount < 0 ? dense.Length : valueCount;

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

    /// <summary>Returns the levels and the rented <see cref="Dense"/> array (string references cleared) to their pools.</summary>
    public void Return()
    {
        ReturnLevels();
        ReturnDense(Dense);
    }

    /// <summary>Rents an array of the physical type's CLR element type (bool, int, long, float, double, string).</summary>
    public static Array RentDense(Type elementType, int count)
    {
        count = Math.Max(count, 1);
        return elementType == typeof(bool) ? ArrayPool<bool>.Shared.Rent(count)
            : elementType == typeof(int) ? ArrayPool<int>.Shared.Rent(count)
            : elementType == typeof(long) ? ArrayPool<long>.Shared.Rent(count)
            : elementType == typeof(float) ? ArrayPool<float>.Shared.Rent(count)
            : elementType == typeof(double) ? ArrayPool<double>.Shared.Rent(count)
            : elementType == typeof(string) ? ArrayPool<string>.Shared.Rent(count)
            : throw new NotSupportedException($"values of {elementType.Name}");
    }

    /// <summary>Returns an array from <see cref="RentDense"/>.</summary>
    public static void ReturnDense(Array dense)
    {
        switch (dense)
        {
            case bool[] a:
                ArrayPool<bool>.Shared.Return(a);
                break;
            case int[] a:
                ArrayPool<int>.Shared.Return(a);
                break;
            case long[] a:
                ArrayPool<long>.Shared.Return(a);
                break;
            case float[] a:
                ArrayPool<float>.Shared.Return(a);
                break;
            case double[] a:
                ArrayPool<double>.Shared.Return(a);
                break;
            case string[] a:
                // Cleared so a pooled array does not keep a row group's strings alive.
                ArrayPool<string>.Shared.Return(a, clearArray: true);
                break;
        }
    }
}
