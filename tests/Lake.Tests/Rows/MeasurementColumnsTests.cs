using Visco.Lake.Rows;

namespace Visco.Lake.Tests.Rows;

public sealed class MeasurementColumnsTests
{
    [Fact]
    public void Row_GivesBackEveryValueAdded()
    {
        var rows = MeasurementSamples.Rows(120, seed: 5);
        var columns = new MeasurementColumns();
        rows.ForEach(columns.Add);

        Assert.Equal(rows.Count, columns.Count);
        MeasurementSamples.AssertEqual(rows, [.. Enumerable.Range(0, columns.Count).Select(columns.Row)]);
        Assert.Equal(rows[7].Sequence, columns.Sequence(7));
        Assert.Equal(rows[7].ReceivedAt, columns.ReceivedAt(7));
    }

    [Fact]
    public void Row_KeepsNonUtcOffsetsAndNonAsciiText()
    {
        var row = MeasurementSamples.Rows(1, seed: 9)[0] with
        {
            TakenAt = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.FromHours(5.5)),
            SampleId = "Probe-Ü-漢字-🧪",
            DeviceId = "gerät-1",
            Flags = ["Blase", "Blase"],
        };
        var columns = new MeasurementColumns();
        columns.Add(row);

        MeasurementSamples.AssertEqual([row], [columns.Row(0)]);
        Assert.Equal(TimeSpan.FromHours(5.5), columns.Row(0).TakenAt.Offset);
    }

    [Fact]
    public void RemoveFirst_RandomAddsAndRemoves_MatchAListOfRows()
    {
        // The model is a plain list of rows: whatever the columns hold must read back as the list does.
        var random = new Random(42);
        var source = MeasurementSamples.Rows(3000, seed: 11);
        var model = new List<MeasurementRow>();
        var columns = new MeasurementColumns();
        var next = 0;
        for (var step = 0; step < 400 && next < source.Count; step++)
        {
            for (var n = random.Next(0, 20); n > 0 && next < source.Count; n--)
            {
                // Many distinct devices, so the text table outgrows the rows held and is compacted on the way.
                var row = source[next] with { DeviceId = $"device-{next}" };
                model.Add(row);
                columns.Add(row);
                next++;
            }

            var remove = random.Next(0, model.Count + 1) / 2;
            model.RemoveRange(0, remove);
            columns.RemoveFirst(remove);
            MeasurementSamples.AssertEqual(model, [.. Enumerable.Range(0, columns.Count).Select(columns.Row)]);
        }

        Assert.Equal(source.Count, next);
    }

    [Fact]
    public void RemoveFirst_All_LeavesColumnsReadyForMore()
    {
        var rows = MeasurementSamples.Rows(40, seed: 3);
        var columns = new MeasurementColumns();
        rows.Take(30).ToList().ForEach(columns.Add);
        columns.RemoveFirst(30);
        rows.Skip(30).ToList().ForEach(columns.Add);

        MeasurementSamples.AssertEqual(rows[30..], [.. Enumerable.Range(0, columns.Count).Select(columns.Row)]);
    }

    [Fact]
    public void RemoveFirst_MoreThanHeld_Throws()
    {
        var columns = new MeasurementColumns();
        columns.Add(MeasurementSamples.Rows(1, seed: 1)[0]);

        Assert.Throws<ArgumentOutOfRangeException>(() => columns.RemoveFirst(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => columns.Row(1));
    }

    [Fact]
    public void Write_SelectedRows_ReadBackAsThoseRowsInOrder()
    {
        var rows = MeasurementSamples.Rows(60, seed: 8);
        var columns = new MeasurementColumns();
        rows.ForEach(columns.Add);
        int[] selected = [.. Enumerable.Range(0, 60).Where(i => i % 3 != 1)];

        using var stream = new MemoryStream();
        MeasurementParquet.Write(stream, columns, selected);
        stream.Position = 0;

        MeasurementSamples.AssertEqual([.. selected.Select(i => rows[i])], MeasurementParquet.Read(stream));
    }
}
