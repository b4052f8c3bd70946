namespace Visco.Grains.Interfaces.Api;

/// <summary>
/// Lab reference values (labels) for samples, which the retraining job joins with lake measurements by sample id.
/// Implemented by the domain or lake side; the API only records and reads them, always within one hospital.
/// </summary>
public interface ILabelStore
{
    /// <summary>Records a label durably; a later label for the same sample and source supersedes the earlier one.</summary>
    Task SaveAsync(SampleLabel label, CancellationToken cancellationToken = default);

    /// <summary>The labels recorded for a sample of the hospital, oldest first.</summary>
    Task<IReadOnlyList<SampleLabel>> FindAsync(string hospitalId, string sampleId, CancellationToken cancellationToken = default);
}
