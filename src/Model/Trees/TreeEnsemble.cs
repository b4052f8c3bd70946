using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Visco.Model.Trees;

/// <summary>
/// A trained ensemble flattened into arrays (feature index, threshold, left and right child per node, a value per
/// node that matters at leaves). Tree t adds to output t mod <see cref="OutputCount"/>: one output for regression,
/// one per class for softmax classification. Immutable and safe to share across threads.
/// </summary>
public sealed class TreeEnsemble
{
    private readonly TreeNode[] _nodes;
    private readonly float[] _values;
    private readonly int[] _roots;
    private readonly double[] _baseScores;

    internal TreeEnsemble(int featureCount, double[] baseScores, int maxDepth, TreeNode[] nodes, float[] values, int[] roots)
    {
        FeatureCount = featureCount;
        _baseScores = baseScores;
        MaxDepth = maxDepth;
        _nodes = nodes;
        _values = values;
        _roots = roots;
    }

    /// <summary>Length of the feature vectors it reads.</summary>
    public int FeatureCount { get; }

    /// <summary>Number of outputs (1 for regression, the class count for classification).</summary>
    public int OutputCount => _baseScores.Length;

    /// <summary>Number of trees.</summary>
    public int TreeCount => _roots.Length;

    /// <summary>Number of nodes over all trees.</summary>
    public int NodeCount => _nodes.Length;

    /// <summary>Depth of the deepest tree; traversal always takes this many steps.</summary>
    public int MaxDepth { get; }

    internal ReadOnlySpan<TreeNode> Nodes => _nodes;

    internal ReadOnlySpan<float> Values => _values;

    internal ReadOnlySpan<int> Roots => _roots;

    internal ReadOnlySpan<double> BaseScores => _baseScores;

    /// <summary>The raw score of a single-output ensemble.</summary>
    public double PredictScalar(ReadOnlySpan<float> features)
    {
        if (OutputCount != 1)
        {
            throw new InvalidOperationException($"The ensemble has {OutputCount} outputs; use Predict with an output span.");
        }

        Span<double> output = stackalloc double[1];
        Predict(features, output);
        return output[0];
    }

    /// <summary>Writes the raw scores (before any link function) into <paramref name="output"/>.</summary>
    public void Predict(ReadOnlySpan<float> features, Span<double> output)
    {
        if (features.Length < FeatureCount)
        {
            throw new ArgumentException($"Expected {FeatureCount} features, got {features.Length}.", nameof(features));
        }

        if (output.Length < OutputCount)
        {
            throw new ArgumentException($"Expected room for {OutputCount} outputs.", nameof(output));
        }

        _baseScores.CopyTo(output);
        if (OutputCount == 1)
        {
            output[0] += Sum(features, 0, 1);
            return;
        }

        // Classification: tree t belongs to class t mod K; trees are stored round by round.
        for (var k = 0; k < OutputCount; k++)
        {
            output[k] += Sum(features, k, OutputCount);
        }
    }

    // Sums the leaves of trees first, first + stride, ... Four trees walk in lock step: their node loads are
    // independent, so the CPU overlaps the memory latency a one-tree-at-a-time walk would serialise. Indices are
    // not bounds-checked here: the constructor's callers (trainer, file loader) guarantee every child index is a
    // node and every feature index is below FeatureCount, and Predict checked the feature span's length.
    private double Sum(ReadOnlySpan<float> features, int first, int stride)
    {
        ref var nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref var values = ref MemoryMarshal.GetArrayDataReference(_values);
        ref var x = ref MemoryMarshal.GetReference(features);
        var roots = _roots;
        var depth = MaxDepth;
        double sum = 0;
        var t = first;
        for (; t + (3 * stride) < roots.Length; t += 4 * stride)
        {
            int a = roots[t], b = roots[t + stride], c = roots[t + (2 * stride)], d = roots[t + (3 * stride)];
            for (var level = 0; level < depth; level++)
            {
                a = Step(ref nodes, a, ref x);
                b = Step(ref nodes, b, ref x);
                c = Step(ref nodes, c, ref x);
                d = Step(ref nodes, d, ref x);
            }

            // Widen before adding: summing the floats first would round every fourth partial sum to float precision.
            sum += (double)Unsafe.Add(ref values, a) + Unsafe.Add(ref values, b) + Unsafe.Add(ref values, c) + Unsafe.Add(ref values, d);
        }

        for (; t < roots.Length; t += stride)
        {
            var a = roots[t];
            for (var level = 0; level < depth; level++)
            {
                a = Step(ref nodes, a, ref x);
            }

            sum += Unsafe.Add(ref values, a);
        }

        return sum;
    }

    // Left and right child sit next to each other, so the branch becomes an indexed load (no misprediction).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Step(ref TreeNode nodes, int index, ref float features)
    {
        ref var node = ref Unsafe.Add(ref nodes, index);
        var goRight = Unsafe.Add(ref features, node.Feature) <= node.Threshold ? 0 : 1;
        return Unsafe.Add(ref Unsafe.AsRef(in node.Left), goRight);
    }
}
