using Visco.Lake.Parquet;

namespace Visco.Lake.Rows;

/// <summary>
/// Builds the <see cref="MeasurementRow"/>s of one row group in order, straight from the decoded pages (see
/// <see cref="RowColumns"/>), for both the array and the streaming reads of <see cref="MeasurementParquet"/>.
/// </summary>
internal sealed class MeasurementRowReader : IDisposable
{
    private readonly RowColumns _c;
    private readonly ValueCursor<string> _hospital;
    private readonly ValueCursor<string> _device;
    private readonly ValueCursor<string> _sample;
    private readonly ValueCursor<long> _sequence;
    private readonly TimeCursor _takenAt;
    private readonly TimeCursor _receivedAt;
    private readonly ValueCursor<double> _temperature;
    private readonly ValueCursor<double> _hematocrit;
    private readonly ValueCursor<string> _firmware;
    private readonly ListCursor<double> _shearRate;
    private readonly ListCursor<double> _shearStress;
    private readonly ValueCursor<string> _model;
    private readonly ValueCursor<string> _hash;
    private readonly ValueCursor<double> _low;
    private readonly ValueCursor<double> _high;
    private readonly ValueCursor<string> _class;
    private readonly ValueCursor<double> _confidence;
    private readonly ListCursor<string> _flags;
    private readonly TimeCursor _processedAt;
    private int _row;

    public MeasurementRowReader(ParquetFileReader reader, int rowGroup)
    {
        _c = new RowColumns(reader, rowGroup);
        try
        {
            _hospital = _c.RequiredStrings("hospitalId");
            _device = _c.RequiredStrings("deviceId");
            _sample = _c.RequiredStrings("sampleId");
            _sequence = _c.RequiredLongs("sequence");
            _takenAt = _c.RequiredTimes("takenAt");
            _receivedAt = _c.RequiredTimes("receivedAt");
            _temperature = _c.RequiredDoubles("temperatureC");
            _hematocrit = _c.Doubles("hematocrit");
            _firmware = _c.Strings("firmware");
            _shearRate = _c.DoubleLists("shearRate");
            _shearStress = _c.DoubleLists("shearStress");
            _model = _c.RequiredStrings("modelVersion");
            _hash = _c.RequiredStrings("inputHash");
            _low = _c.RequiredDoubles("viscosityLow");
            _high = _c.RequiredDoubles("viscosityHigh");
            _class = _c.RequiredStrings("class");
            _confidence = _c.RequiredDoubles("confidence");
            _flags = _c.StringLists("flags");
            _processedAt = _c.RequiredTimes("processedAt");
            if (_c.RowCount == 0)
            {
                FinishLists();
            }
        }
        catch (InvalidDataException e)
        {
            _c.Dispose();
            throw _c.Corrupt(e);
        }
        catch
        {
            _c.Dispose();
            throw;
        }
    }

    /// <summary>The rows of the group.</summary>
    public int RowCount => _c.RowCount;

    /// <summary>Whether every row has been read.</summary>
    public bool IsComplete => _row == _c.RowCount;

    /// <summary>The next row; after the last one, checks that the list columns held exactly the group's rows.</summary>
    public MeasurementRow Next()
    {
        var i = _row++;
        try
        {
            var row = new MeasurementRow(_hospital.Required(i), _device.Required(i), _sample.Required(i), _sequence.Required(i),
                _takenAt.Required(i), _receivedAt.Required(i), _temperature.Required(i),
                _hematocrit.TryNext(out var h) ? h : null, _firmware.TryNext(out var f) ? f : null,
                _shearRate.Next(), _shearStress.Next(), _model.Required(i), _hash.Required(i), _low.Required(i), _high.Required(i),
                _class.Required(i), _confidence.Required(i), _flags.Next(), _processedAt.Required(i));
            if (_row == _c.RowCount)
            {
                FinishLists();
            }

            return row;
        }
        catch (InvalidDataException e)
        {
            throw _c.Corrupt(e);
        }
    }

    private void FinishLists()
    {
        _shearRate.Finish();
        _shearStress.Finish();
        _flags.Finish();
    }

    /// <summary>Returns the rented column buffers.</summary>
    public void Dispose() => _c.Dispose();
}
