using Visco.Model.Trees;

namespace Visco.Model.Files;

/// <summary>Binary layout of one ensemble (little-endian): counts, base scores, roots, nodes, leaf values.</summary>
internal static class TreeEnsembleCodec
{
    private const int MaxNodes = 10_000_000;

    public static void Write(BinaryWriter writer, TreeEnsemble ensemble)
    {
        writer.Write(ensemble.FeatureCount);
        writer.Write(ensemble.OutputCount);
        writer.Write(ensemble.MaxDepth);
        writer.Write(ensemble.TreeCount);
        writer.Write(ensemble.NodeCount);
        foreach (var score in ensemble.BaseScores)
        {
            writer.Write(score);
        }

        foreach (var root in ensemble.Roots)
        {
            writer.Write(root);
        }

        foreach (var node in ensemble.Nodes)
        {
            writer.Write(node.Feature);
            writer.Write(node.Threshold);
            writer.Write(node.Left);
            writer.Write(node.Right);
        }

        foreach (var value in ensemble.Values)
        {
            writer.Write(value);
        }
    }

    /// <summary>Reads an ensemble; every index is range-checked so a crafted file cannot make traversal run off an array.</summary>
    public static TreeEnsemble Read(BinaryReader reader)
    {
        var featureCount = reader.ReadInt32();
        var outputCount = reader.ReadInt32();
        var maxDepth = reader.ReadInt32();
        var treeCount = reader.ReadInt32();
        var nodeCount = reader.ReadInt32();
        Check(featureCount is > 0 and < 10_000 && outputCount is > 0 and < 1_000 && maxDepth is >= 0 and <= 64, "ensemble header");
        Check(nodeCount is >= 0 and <= MaxNodes && treeCount >= 0 && treeCount <= nodeCount, "ensemble size");
        var baseScores = new double[outputCount];
        for (var i = 0; i < outputCount; i++)
        {
            baseScores[i] = reader.ReadDouble();
        }

        var roots = new int[treeCount];
        for (var i = 0; i < treeCount; i++)
        {
            roots[i] = reader.ReadInt32();
            Check((uint)roots[i] < (uint)nodeCount, "tree root");
        }

        var nodes = new TreeNode[nodeCount];
        for (var i = 0; i < nodeCount; i++)
        {
            var node = new TreeNode(reader.ReadInt32(), reader.ReadSingle(), reader.ReadInt32(), reader.ReadInt32());
            Check((uint)node.Feature < (uint)featureCount && (uint)node.Left < (uint)nodeCount && (uint)node.Right < (uint)nodeCount, "tree node");
            nodes[i] = node;
        }

        var values = new float[nodeCount];
        for (var i = 0; i < nodeCount; i++)
        {
            values[i] = reader.ReadSingle();
        }

        return new TreeEnsemble(featureCount, baseScores, maxDepth, nodes, values, roots);
    }

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new ModelFileCorruptException($"The model file has an out-of-range {what}.");
        }
    }
}
