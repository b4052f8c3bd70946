namespace Visco.Model.Trees;

/// <summary>Bin indices, column-major so a histogram pass over one feature reads one contiguous column.</summary>
internal sealed class BinnedMatrix
{
    private BinnedMatrix(byte[] bins, int rows, int columns)
    {
        Bins = bins;
        Rows = rows;
        Columns = columns;
    }

    public byte[] Bins { get; }

    public int Rows { get; }

    public int Columns { get; }

    public ReadOnlySpan<byte> Column(int feature) => Bins.AsSpan(feature * Rows, Rows);

    public static BinnedMatrix Create(FeatureMatrix data, FeatureBinning binning)
    {
        var bins = new byte[data.Rows * data.Columns];
        for (var f = 0; f < data.Columns; f++)
        {
            var offset = f * data.Rows;
            for (var r = 0; r < data.Rows; r++)
            {
                bins[offset + r] = binning.Bin(f, data[r, f]);
            }
        }

        return new BinnedMatrix(bins, data.Rows, data.Columns);
    }
}
