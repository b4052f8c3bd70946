namespace Visco.Model.Simulation;

/// <summary>An analyser fault injected by the simulator. Every fault makes the measurement unusable.</summary>
public enum FaultKind
{
    /// <summary>A sound measurement.</summary>
    None = 0,

    /// <summary>An air bubble in the cell: low and erratic stress at some shear rates.</summary>
    AirBubble = 1,

    /// <summary>A clot: stress spikes and a very high stress at low shear.</summary>
    Clot = 2,

    /// <summary>An under-filled cell: stress scaled down strongly across the sweep, and noisier.</summary>
    UnderFilledCell = 3,
}
