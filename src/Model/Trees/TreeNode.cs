using System.Runtime.InteropServices;

namespace Visco.Model.Trees;

/// <summary>
/// One node of a flattened tree, 16 bytes so four share a cache line. A leaf points to itself on both sides with
/// an infinite threshold, which lets traversal run a fixed number of steps without testing for leaves. Left and
/// Right are adjacent fields so traversal can pick a child by index instead of by branch.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct TreeNode(int feature, float threshold, int left, int right)
{
    public readonly int Feature = feature;
    public readonly float Threshold = threshold;
    public readonly int Left = left;
    public readonly int Right = right;

    public static TreeNode Leaf(int self) => new(0, float.PositiveInfinity, self, self);

    public bool IsLeaf(int self) => Left == self && Right == self;
}
