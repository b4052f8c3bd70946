namespace Visco.Model.Trees;

/// <summary>A dense, row-major matrix of float features: the input of training and batch prediction.</summary>
public sealed class FeatureMatrix
{
    private readonly float[] _values;

    /// <summary>Creates an empty matrix of the given shape.</summary>
    public FeatureMatrix(int rows, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        Rows = rows;
        Columns = columns;
        _values = new float[checked(rows * columns)];
    }

    /// <summary>Number of rows (examples).</summary>
    public int Rows { get; }

    /// <summary>Number of columns (features).</summary>
    public int Columns { get; }

    /// <summary>A single value.</summary>
    public float this[int row, int column]
    {
        get => _values[(row * Columns) + column];
        set => _values[(row * Columns) + column] = value;
    }

    /// <summary>One row, writable.</summary>
    public Span<float> Row(int row) => _values.AsSpan(row * Columns, Columns);

    /// <summary>A new matrix holding the given rows, in that order.</summary>
    public FeatureMatrix SelectRows(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var result = new FeatureMatrix(rows.Count, Columns);
        for (var i = 0; i < rows.Count; i++)
        {
            Row(rows[i]).CopyTo(result.Row(i));
        }

        return result;
    }
}
