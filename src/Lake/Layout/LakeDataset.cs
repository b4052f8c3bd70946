namespace Visco.Lake.Layout;

/// <summary>The partitioned datasets of the lake.</summary>
public enum LakeDataset
{
    /// <summary><c>lake/measurements/</c>: one row per measurement with its result.</summary>
    Measurements,

    /// <summary><c>lake/labels/</c>: lab reference values for samples.</summary>
    Labels,
}
