using Visco.Runtime.Abstractions;

namespace Visco.Runtime.Invocation;

/// <summary>An immutable list of the grains a call passed through, innermost first.</summary>
internal sealed class CallChain(GrainId grain, CallChain? parent)
{
    /// <summary>The grain whose turn made the call.</summary>
    public GrainId Grain { get; } = grain;

    /// <summary>The chain that led to that grain's turn.</summary>
    public CallChain? Parent { get; } = parent;

    /// <summary>Whether the grain appears anywhere in the chain.</summary>
    public bool Contains(GrainId grainId)
    {
        for (var link = this; link is not null; link = link.Parent)
        {
            if (link.Grain == grainId)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>a -> b -> c</c>, outermost first.</summary>
    public override string ToString()
    {
        var grains = new List<string>();
        for (var link = this; link is not null; link = link.Parent)
        {
            grains.Add(link.Grain.ToString());
        }

        grains.Reverse();
        return string.Join(" -> ", grains);
    }
}
