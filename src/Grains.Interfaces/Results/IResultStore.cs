using System.Buffers;
using Visco.Grains.Interfaces.Measurements;

namespace Visco.Grains.Interfaces.Results;

/// <summary>
/// The queryable projection of the measurements stream, for the API. Writes are idempotent by (device, sample):
/// the stream delivers at least once. Every query takes the hospital, so one tenant can never read another's rows.
/// </summary>
public interface IResultStore
{
    /// <summary>Creates or migrates the schema; refuses a schema newer than this build. Safe to call repeatedly.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores the events in one transaction, ignoring those already stored; returns how many were new.</summary>
    Task<int> SaveAsync(IReadOnlyList<MeasurementRecorded> events, CancellationToken cancellationToken = default);

    /// <summary>The results of a sample id in the hospital (one per device that measured it), oldest first.</summary>
    Task<IReadOnlyList<StoredResult>> FindBySampleAsync(string hospitalId, string sampleId, CancellationToken cancellationToken = default);

    /// <summary>A device's results, newest first, by cursor.</summary>
    Task<ResultPage> QueryByDeviceAsync(
        string hospitalId, string deviceId, ResultQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// A device's results page (as <see cref="QueryByDeviceAsync"/> gives it) written to <paramref name="output"/> as
    /// UTF-8 JSON with the web defaults — the document the API answers with. A store that can write its rows straight
    /// into JSON overrides this and spares the page's objects (a read's largest allocation).
    /// </summary>
    async Task WriteDevicePageAsync(
        string hospitalId, string deviceId, ResultQuery query, IBufferWriter<byte> output, CancellationToken cancellationToken = default)
    {
        var page = await QueryByDeviceAsync(hospitalId, deviceId, query, cancellationToken).ConfigureAwait(false);
        page.WriteJson(output);
    }

    /// <summary>A hospital's results, newest first, by cursor.</summary>
    Task<ResultPage> QueryByHospitalAsync(string hospitalId, ResultQuery query, CancellationToken cancellationToken = default);

    /// <summary>The newest result of each device of the hospital.</summary>
    Task<IReadOnlyList<StoredResult>> LatestPerDeviceAsync(string hospitalId, CancellationToken cancellationToken = default);

    /// <summary>How many results the hospital (or one of its devices) has in the time range of received times.</summary>
    Task<long> CountAsync(
        string hospitalId, string? deviceId = null, DateTimeOffset? from = null, DateTimeOffset? to = null,
        CancellationToken cancellationToken = default);
}
