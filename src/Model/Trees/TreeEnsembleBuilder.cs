namespace Visco.Model.Trees;

/// <summary>Accumulates trees node by node and freezes them into a <see cref="TreeEnsemble"/>.</summary>
internal sealed class TreeEnsembleBuilder(int featureCount, double[] baseScores)
{
    private readonly List<TreeNode> _nodes = [];
    private readonly List<float> _values = [];
    private readonly List<int> _roots = [];

    public int TreeCount => _roots.Count;

    /// <summary>Starts a tree; returns the index of its root.</summary>
    public int BeginTree()
    {
        _roots.Add(_nodes.Count);
        return AddLeaf(0f);
    }

    public int AddLeaf(float value)
    {
        var index = _nodes.Count;
        _nodes.Add(TreeNode.Leaf(index));
        _values.Add(value);
        return index;
    }

    /// <summary>Turns leaf <paramref name="node"/> into a split with two new leaves; returns (left, right).</summary>
    public (int Left, int Right) Split(int node, int feature, float threshold)
    {
        var left = AddLeaf(0f);
        var right = AddLeaf(0f);
        _nodes[node] = new TreeNode(feature, threshold, left, right);
        return (left, right);
    }

    public void SetValue(int node, float value) => _values[node] = value;

    /// <summary>Drops every tree from <paramref name="treeCount"/> on (early stopping keeps the best prefix).</summary>
    public void Truncate(int treeCount)
    {
        if (treeCount >= _roots.Count)
        {
            return;
        }

        var firstNode = _roots[treeCount];
        _roots.RemoveRange(treeCount, _roots.Count - treeCount);
        _nodes.RemoveRange(firstNode, _nodes.Count - firstNode);
        _values.RemoveRange(firstNode, _values.Count - firstNode);
    }

    /// <summary>Walks one tree to its leaf value.</summary>
    public float EvaluateTree(int tree, ReadOnlySpan<float> features)
    {
        var node = _roots[tree];
        while (true)
        {
            var n = _nodes[node];
            if (n.IsLeaf(node))
            {
                return _values[node];
            }

            node = features[n.Feature] <= n.Threshold ? n.Left : n.Right;
        }
    }

    public TreeEnsemble Build()
    {
        // Max depth over the kept trees only, so truncated deep trees do not slow every prediction.
        var depth = 0;
        for (var t = 0; t < _roots.Count; t++)
        {
            depth = Math.Max(depth, Depth(_roots[t]));
        }

        return new TreeEnsemble(featureCount, (double[])baseScores.Clone(), depth, [.. _nodes], [.. _values], [.. _roots]);
    }

    private int Depth(int node)
    {
        var n = _nodes[node];
        return n.IsLeaf(node) ? 0 : 1 + Math.Max(Depth(n.Left), Depth(n.Right));
    }
}
