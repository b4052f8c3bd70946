namespace Visco.Retraining.Data;

/// <summary>What the job read from the lake.</summary>
/// <param name="Samples">Measurements joined with a usable label, one per (hospital, device, sample).</param>
/// <param name="MeasurementFiles">Measurement files read (after pruning).</param>
/// <param name="LabelFiles">Label files read.</param>
/// <param name="RowsRead">Measurement rows read.</param>
/// <param name="Unlabelled">Rows without a label.</param>
/// <param name="Unusable">Labelled rows whose label lacks the values training needs.</param>
/// <param name="Ambiguous">Rows whose sample id two devices of the hospital share (a label cannot say which).</param>
public sealed record LakeTrainingData(
    IReadOnlyList<LabelledSample> Samples, int MeasurementFiles, int LabelFiles, long RowsRead, long Unlabelled, long Unusable, long Ambiguous);
