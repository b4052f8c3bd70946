using System.Runtime.InteropServices;

namespace Visco.Model.Trees;

/// <summary>
/// One node of a flattened tree, 16 bytes so four share a cache line. A leaf points to itself on both sides with
/// an infinite threshold, which lets traversal run a fixed number of steps without testing for leaves.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly record struct TreeNode(int Feature, float Threshold, int Left, int Right)
{
    public static TreeNode Leaf(int self) => new(0, float.PositiveInfinity, self, self);

    public bool IsLeaf(int self) => Left == self && Right == self;
}
