using System.Buffers;

namespace Visco.Model.Trees;

/// <summary>
/// Grows one regression tree on gradients and hessians (second-order boosting, as XGBoost and LightGBM): histogram
/// split finding over quantile bins, depth-wise growth, and the histogram subtraction trick (the larger child's
/// histogram is the parent's minus the smaller child's, so only the smaller child is ever scanned).
/// </summary>
internal sealed class HistogramTreeBuilder
{
    private const int Stride = 3;
    private const int ParallelThreshold = 4096;

    private readonly BinnedMatrix _data;
    private readonly FeatureBinning _binning;
    private readonly GradientBoostingOptions _options;
    private readonly int _histogramLength;
    private readonly ParallelOptions _parallel;

    public HistogramTreeBuilder(BinnedMatrix data, FeatureBinning binning, GradientBoostingOptions options)
    {
        _data = data;
        _binning = binning;
        _options = options;
        _histogramLength = data.Columns * binning.MaxBins * Stride;
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
    }

    /// <summary>Grows a tree over <paramref name="rows"/> (reordered in place) and appends it to the builder.</summary>
    public void Grow(TreeEnsembleBuilder builder, double[] gradients, double[] hessians, int[] rows, int rowCount)
    {
        var root = builder.BeginTree();
        var pending = new Queue<Work>();
        var rootHistogram = Rent();
        BuildHistogram(rootHistogram, gradients, hessians, rows, 0, rowCount);
        double g = 0, h = 0;
        for (var i = 0; i < rowCount; i++)
        {
            g += gradients[rows[i]];
            h += hessians[rows[i]];
        }

        pending.Enqueue(new Work(root, 0, rowCount, rootHistogram, g, h, 0));
        while (pending.Count > 0)
        {
            var work = pending.Dequeue();
            var split = work.Depth < _options.MaxDepth && work.Count >= 2 * _options.MinSamplesPerLeaf
                ? FindBestSplit(work)
                : Split.None;
            if (split.Feature < 0)
            {
                builder.SetValue(work.Node, LeafValue(work.G, work.H));
                ArrayPool<double>.Shared.Return(work.Histogram);
                continue;
            }

            var leftCount = Partition(rows, work.Start, work.Count, split.Feature, split.Bin);
            var (leftNode, rightNode) = builder.Split(work.Node, split.Feature, _binning.Edges[split.Feature][split.Bin]);
            var rightCount = work.Count - leftCount;
            var small = Rent();
            var leftIsSmall = leftCount <= rightCount;
            if (leftIsSmall)
            {
                BuildHistogram(small, gradients, hessians, rows, work.Start, leftCount);
            }
            else
            {
                BuildHistogram(small, gradients, hessians, rows, work.Start + leftCount, rightCount);
            }

            var large = work.Histogram;
            for (var i = 0; i < _histogramLength; i++)
            {
                large[i] -= small[i];
            }

            var leftHistogram = leftIsSmall ? small : large;
            var rightHistogram = leftIsSmall ? large : small;
            var depth = work.Depth + 1;
            pending.Enqueue(new Work(leftNode, work.Start, leftCount, leftHistogram, split.LeftG, split.LeftH, depth));
            pending.Enqueue(new Work(
                rightNode, work.Start + leftCount, rightCount, rightHistogram, work.G - split.LeftG, work.H - split.LeftH, depth));
        }
    }

    private float LeafValue(double g, double h) => (float)(-g / (h + _options.L2Regularization) * _options.LearningRate);

    private double[] Rent()
    {
        var histogram = ArrayPool<double>.Shared.Rent(_histogramLength);
        Array.Clear(histogram, 0, _histogramLength);
        return histogram;
    }

    private void BuildHistogram(double[] histogram, double[] gradients, double[] hessians, int[] rows, int start, int count)
    {
        var maxBins = _binning.MaxBins;
        if (count < ParallelThreshold || _options.MaxDegreeOfParallelism == 1)
        {
            for (var f = 0; f < _data.Columns; f++)
            {
                Accumulate(histogram, f * maxBins * Stride, _data.Column(f), gradients, hessians, rows.AsSpan(start, count));
            }

            return;
        }

        // Features write disjoint slices of the histogram, so threads never share a cell.
        Parallel.For(0, _data.Columns, _parallel, f =>
            Accumulate(histogram, f * maxBins * Stride, _data.Column(f), gradients, hessians, rows.AsSpan(start, count)));
    }

    private static void Accumulate(
        double[] histogram, int offset, ReadOnlySpan<byte> column, double[] gradients, double[] hessians, ReadOnlySpan<int> rows)
    {
        var slice = histogram.AsSpan(offset);
        foreach (var r in rows)
        {
            var cell = column[r] * Stride;
            slice[cell] += gradients[r];
            slice[cell + 1] += hessians[r];
            slice[cell + 2] += 1.0;
        }
    }

    private Split FindBestSplit(Work work)
    {
        var lambda = _options.L2Regularization;
        var parentScore = work.G * work.G / (work.H + lambda);
        var best = Split.None;
        var bestGain = _options.MinSplitGain;
        var minLeaf = _options.MinSamplesPerLeaf;
        var minHessian = _options.MinHessianPerLeaf;
        for (var f = 0; f < _data.Columns; f++)
        {
            var binCount = _binning.Edges[f].Length + 1;
            var offset = f * _binning.MaxBins * Stride;
            double gl = 0, hl = 0, cl = 0;
            for (var b = 0; b < binCount - 1; b++)
            {
                var cell = offset + (b * Stride);
                gl += work.Histogram[cell];
                hl += work.Histogram[cell + 1];
                cl += work.Histogram[cell + 2];
                var cr = work.Count - cl;
                if (cl < minLeaf)
                {
                    continue;
                }

                if (cr < minLeaf)
                {
                    break;
                }

                var hr = work.H - hl;
                if (hl < minHessian || hr < minHessian)
                {
                    continue;
                }

                var gr = work.G - gl;
                var gain = (gl * gl / (hl + lambda)) + (gr * gr / (hr + lambda)) - parentScore;
                if (gain > bestGain)
                {
                    bestGain = gain;
                    best = new Split(f, b, gl, hl);
                }
            }
        }

        return best;
    }

    private int Partition(int[] rows, int start, int count, int feature, int bin)
    {
        var column = _data.Column(feature);
        int i = start, j = start + count - 1;
        while (i <= j)
        {
            if (column[rows[i]] <= bin)
            {
                i++;
            }
            else
            {
                (rows[i], rows[j]) = (rows[j], rows[i]);
                j--;
            }
        }

        return i - start;
    }

    private readonly record struct Work(int Node, int Start, int Count, double[] Histogram, double G, double H, int Depth);

    private readonly record struct Split(int Feature, int Bin, double LeftG, double LeftH)
    {
        public static Split None => new(-1, -1, 0, 0);
    }
}
