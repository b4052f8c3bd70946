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
        var nodes = _nodes;
        var values = _values;
        var roots = _roots;
        var outputs = OutputCount;
        var depth = MaxDepth;
        var t = 0;

        // Four trees walk in lock step: their node loads are independent, so the CPU overlaps the memory latency
        // that a one-tree-at-a-time walk would serialise.
        for (; t + 3 < roots.Length; t += 4)
        {
            int a = roots[t], b = roots[t + 1], c = roots[t + 2], d = roots[t + 3];
            for (var level = 0; level < depth; level++)
            {
                a = Step(nodes[a], features);
                b = Step(nodes[b], features);
                c = Step(nodes[c], features);
                d = Step(nodes[d], features);
            }

            output[t % outputs] += values[a];
            output[(t + 1) % outputs] += values[b];
            output[(t + 2) % outputs] += values[c];
            output[(t + 3) % outputs] += values[d];
        }

        for (; t < roots.Length; t++)
        {
            var a = roots[t];
            for (var level = 0; level < depth; level++)
            {
                a = Step(nodes[a], features);
            }

            output[t % outputs] += values[a];
        }
    }

    private static int Step(in TreeNode node, ReadOnlySpan<float> features) =>
        features[node.Feature] <= node.Threshold ? node.Left : node.Right;
}
