using Visco.Lake.Parquet;
using Visco.Lake.Parquet.Format;
using Visco.Lake.Parquet.Schema;

namespace Visco.Lake.Tests.Parquet;

public sealed class ParquetRoundTripTests
{
    public static TheoryData<CompressionCodec, int, ColumnEncoding, int> Variants()
    {
        var data = new TheoryData<CompressionCodec, int, ColumnEncoding, int>();
        foreach (var codec in new[] { CompressionCodec.Gzip, CompressionCodec.Uncompressed })
        {
            foreach (var version in new[] { 1, 2 })
            {
                foreach (var encoding in new[] { ColumnEncoding.Auto, ColumnEncoding.Plain, ColumnEncoding.Dictionary })
                {
                    data.Add(codec, version, encoding, encoding == ColumnEncoding.Auto ? 7 : 20_000);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void ReadRowGroup_EveryTypeAndShape_ReturnsWhatWasWritten(CompressionCodec codec, int pageVersion, ColumnEncoding strings, int pageRows)
    {
        var schema = ColumnSamples.AllColumnsSchema(strings);
        var options = new ParquetWriterOptions { Codec = codec, DataPageVersion = pageVersion, DataPageRowCount = pageRows };
        var groups = new[] { ColumnSamples.Generate(schema, 150, 1), ColumnSamples.Generate(schema, 3, 2), ColumnSamples.Generate(schema, 41, 3) };

        var file = ParquetTestFiles.Write(schema, options, groups);
        var read = ParquetTestFiles.Read(file);

        Assert.Equal(groups.Length, read.Count);
        for (var g = 0; g < groups.Length; g++)
        {
            for (var c = 0; c < schema.Columns.Count; c++)
            {
                AssertSame(groups[g][c], read[g][c]);
            }
        }
    }

    [Fact]
    public void Open_WrittenFile_ExposesSchemaRowsAndStatistics()
    {
        var schema = new ParquetSchema(
            ColumnDefinition.Required("d", ColumnType.Double),
            ColumnDefinition.Optional("s", ColumnType.String),
            ColumnDefinition.Required("t", ColumnType.TimestampMillis));
        var first = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var columns = new[]
        {
            new ColumnData(schema.Columns[0], new[] { 3.5, -2.0, double.NaN, 0.0 }),
            new ColumnData(schema.Columns[1], new string?[] { "b", null, "a", "b" }),
            new ColumnData(schema.Columns[2], new[] { first, first.AddDays(1), first, first }),
        };

        using var reader = ParquetFileReader.Open(new MemoryStream(ParquetTestFiles.Write(schema, new ParquetWriterOptions(), columns)), "x");
        var doubles = reader.MetaData.RowGroups[0].Columns[0].MetaData!.Statistics!;
        var strings = reader.MetaData.RowGroups[0].Columns[1].MetaData!.Statistics!;

        Assert.Equal(4, reader.RowCount);
        Assert.Equal(schema.Columns, reader.Schema.Columns);
        Assert.Equal(-2.0, BitConverter.ToDouble(doubles.MinValue));
        Assert.Equal(3.5, BitConverter.ToDouble(doubles.MaxValue));
        Assert.Equal(doubles.MinValue, doubles.Min);
        Assert.Equal(0, doubles.NullCount);
        Assert.Equal("a"u8.ToArray(), strings.MinValue);
        Assert.Equal("b"u8.ToArray(), strings.MaxValue);
        Assert.Null(strings.Min);
        Assert.Equal(1, strings.NullCount);
        Assert.Contains(ParquetEncoding.RleDictionary, reader.MetaData.RowGroups[0].Columns[1].MetaData!.Encodings);
    }

    [Fact]
    public void Write_IncompressibleColumn_StoresThatChunkUncompressed()
    {
        var schema = new ParquetSchema(ColumnDefinition.Required("noise", ColumnType.Double), ColumnDefinition.Required("flat", ColumnType.Double));
        var random = new Random(4);
        var noise = Enumerable.Range(0, 5000).Select(_ => random.NextDouble()).ToArray();
        var flat = Enumerable.Repeat(37.0, 5000).ToArray();
        var file = ParquetTestFiles.Write(schema, new ParquetWriterOptions(), [new ColumnData(schema.Columns[0], noise), new ColumnData(schema.Columns[1], flat)]);

        using var reader = ParquetFileReader.Open(new MemoryStream(file), "x");
        var chunks = reader.MetaData.RowGroups[0].Columns;

        Assert.Equal(CompressionCodec.Uncompressed, chunks[0].MetaData!.Codec);
        Assert.Equal(CompressionCodec.Gzip, chunks[1].MetaData!.Codec);
        Assert.Equal(noise, reader.ReadColumn(0, "noise").GetValues<double>());
        Assert.Equal(flat, reader.ReadColumn(0, "flat").GetValues<double>());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Write_AllNullsEmptyListsAndOneValue_RoundTrips(int pageVersion)
    {
        var schema = new ParquetSchema(
            ColumnDefinition.Optional("s", ColumnType.String),
            ColumnDefinition.Optional("d", ColumnType.Double),
            ColumnDefinition.List("l", ColumnType.String),
            ColumnDefinition.List("n", ColumnType.Int64),
            ColumnDefinition.Required("one", ColumnType.String) with { Encoding = ColumnEncoding.Dictionary });
        var columns = new[]
        {
            new ColumnData(schema.Columns[0], new string?[] { null, null, null }),
            new ColumnData(schema.Columns[1], new double?[] { null, null, null }),
            new ColumnData(schema.Columns[2], Array.Empty<string>(), [0, 0, 0, 0]),
            new ColumnData(schema.Columns[3], Array.Empty<long>(), [0, 0, 0, 0], [true, true, true]),
            new ColumnData(schema.Columns[4], new[] { "same", "same", "same" }),
        };

        var read = ParquetTestFiles.Read(ParquetTestFiles.Write(schema, new ParquetWriterOptions { DataPageVersion = pageVersion }, columns));

        for (var c = 0; c < columns.Length; c++)
        {
            AssertSame(columns[c], read[0][c]);
        }
    }

    [Fact]
    public void Open_NonSeekableStream_ReadsAfterBuffering()
    {
        var schema = new ParquetSchema(ColumnDefinition.Required("x", ColumnType.Int32));
        var file = ParquetTestFiles.Write(schema, new ParquetWriterOptions(), [new ColumnData(schema.Columns[0], new[] { 7, 8 })]);

        using var reader = ParquetFileReader.Open(new ForwardOnlyStream(file), "pipe");

        Assert.Equal([7, 8], reader.ReadColumn(0, "x").GetValues<int>());
    }

    [Fact]
    public void Write_ManyRowGroups_ReadsBackInOrder()
    {
        var schema = new ParquetSchema(ColumnDefinition.Required("n", ColumnType.Int64));
        var groups = Enumerable.Range(0, 200)
            .Select(g => (IReadOnlyList<ColumnData>)[new ColumnData(schema.Columns[0], new[] { (long)g * 2, (long)g * 2 + 1 })])
            .ToArray();

        var read = ParquetTestFiles.Read(ParquetTestFiles.Write(schema, new ParquetWriterOptions(), groups));

        Assert.Equal(Enumerable.Range(0, 400).Select(i => (long)i), read.SelectMany(g => g[0].GetValues<long>()));
    }

    [Fact]
    public void Write_NoRowGroups_ProducesReadableEmptyFile()
    {
        var schema = new ParquetSchema(ColumnDefinition.List("l", ColumnType.Double));

        using var reader = ParquetFileReader.Open(new MemoryStream(ParquetTestFiles.Write(schema, new ParquetWriterOptions())), "empty");

        Assert.Equal(0, reader.RowGroupCount);
        Assert.Equal(0, reader.RowCount);
        Assert.Equal(ColumnRepetition.List, reader.Schema.Columns[0].Repetition);
    }

    [Fact]
    public void WriteColumn_WrongArrayType_ThrowsArgumentException()
    {
        var schema = new ParquetSchema(ColumnDefinition.Required("d", ColumnType.Double));
        using var writer = new ParquetFileWriter(new MemoryStream(), schema);
        var group = writer.BeginRowGroup(2);

        Assert.Throws<ArgumentException>(() => group.Write("d", new double?[] { 1, null }));
        Assert.Throws<ArgumentException>(() => new ColumnData(ColumnDefinition.Required("s", ColumnType.String), new[] { "a", null }));
        Assert.Throws<ArgumentException>(() => new ColumnData(ColumnDefinition.List("l", ColumnType.Double), new[] { 1.0 }, [0, 2]));
    }

    private static void AssertSame(ColumnData expected, ColumnData actual)
    {
        Assert.Equal(expected.Column with { Encoding = ColumnEncoding.Auto }, actual.Column);
        Assert.Equal(expected.Values.GetType(), actual.Values.GetType());
        Assert.Equal(expected.Values.Cast<object?>(), actual.Values.Cast<object?>());
        Assert.Equal(expected.Offsets, actual.Offsets);
        var expectedNulls = expected.NullLists is { } n && n.Contains(true) ? n : null;
        Assert.Equal(expectedNulls, actual.NullLists);
    }
}
