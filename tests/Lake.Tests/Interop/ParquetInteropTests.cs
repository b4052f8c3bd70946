using Visco.Lake.Parquet;
using Visco.Lake.Parquet.Format;
using Visco.Lake.Parquet.Schema;
using Visco.TestKit;

namespace Visco.Lake.Tests.Interop;

/// <summary>Our files read by DuckDB and hyparquet; DuckDB's files read by us.</summary>
public sealed class ParquetInteropTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lake-interop-").FullName;

    public void Dispose() => TemporaryDirectory.Delete(_dir);

    [InteropFact]
    public void OurFile_ReadByDuckDb_ValuesMatch()
    {
        foreach (var options in Variants())
        {
            var (path, groups) = WriteSample(options);

            var rows = NodeTools.ReadWithDuckDb(path);

            AssertRows(groups, rows, millisecondTimestamps: false);
        }
    }

    [InteropFact]
    public void OurFile_ReadByHyparquet_ValuesMatch()
    {
        foreach (var options in Variants())
        {
            var (path, groups) = WriteSample(options);

            var rows = NodeTools.ReadWithHyparquet(path);

            AssertRows(groups, rows, millisecondTimestamps: true);
        }
    }

    [InteropFact]
    public void OurFile_DuckDbMetadata_ShowsCodecEncodingsAndStatistics()
    {
        var (path, _) = WriteSample(new ParquetWriterOptions { StoreIncompressibleColumnsUncompressed = false });

        var chunks = NodeTools.DuckDbMetadata(path).EnumerateArray().ToList();
        var doubles = chunks.First(c => c.GetProperty("path_in_schema").GetString() == "d");
        var strings = chunks.First(c => c.GetProperty("path_in_schema").GetString() == "s");

        Assert.Equal("GZIP", doubles.GetProperty("compression").GetString());
        Assert.Equal("-1.5", doubles.GetProperty("stats_min_value").GetString());
        Assert.Equal("1000000.25", doubles.GetProperty("stats_max_value").GetString());
        Assert.Contains("RLE_DICTIONARY", strings.GetProperty("encodings").GetString());
        Assert.Equal("1", strings.GetProperty("stats_null_count").ToString());
    }

    [InteropFact]
    public void DuckDbFile_ReadByOurReader_ValuesMatch()
    {
        foreach (var codec in new[] { "GZIP", "UNCOMPRESSED" })
        {
            var path = Path.Combine(_dir, $"duck-{codec}.parquet");
            NodeTools.WriteWithDuckDb(path, codec, """
                SELECT i::INTEGER AS a, i::BIGINT * 1000000007 AS b, i / 7.0 AS d, i::FLOAT / 4 AS f,
                       CASE WHEN i % 5 = 0 THEN NULL ELSE 'h-' || (i % 3) END AS s, i % 2 = 0 AS bo,
                       make_timestamptz(1700000000000000 + i * 1001) AS t,
                       CASE WHEN i % 7 = 0 THEN NULL WHEN i % 7 = 1 THEN []::DOUBLE[]
                            ELSE [i * 0.5, NULL, i * 1.5] END AS l,
                       ['x' || i, 'y'] AS ls
                FROM range(3000) r(i)
                """);

            using var reader = ParquetFileReader.Open(path);
            var all = Enumerable.Range(0, reader.RowGroupCount).Select(reader.ReadRowGroup).ToList();
            var rows = NodeTools.ReadWithDuckDb(path);

            Assert.Equal(3000, reader.RowCount);
            Assert.Equal(ColumnType.TimestampMicros, reader.Schema["t"].Type);
            Assert.True(reader.Schema["l"].ElementsNullable);
            AssertRows(all, rows, millisecondTimestamps: false);
        }
    }

    [InteropFact]
    public void DuckDbFileV2_WithDictionaryStrings_ReadByOurReader()
    {
        var path = Path.Combine(_dir, "duck-v2.parquet");
        NodeTools.WriteWithDuckDb(path, "GZIP", "SELECT 'v' || (i % 4) AS s, i % 3 = 0 AS bo FROM range(500) r(i)", version2: true);

        using var reader = ParquetFileReader.Open(path);
        var strings = reader.ReadColumn(0, "s").GetValues<string?>();

        Assert.Equal(Enumerable.Range(0, 500).Select(i => "v" + (i % 4)), strings);
    }

    [InteropFact]
    public void DuckDbFileV2_DeltaAndByteStreamSplitEncodings_ReadByOurReader()
    {
        var path = Path.Combine(_dir, "duck-v2-delta.parquet");
        NodeTools.WriteWithDuckDb(path, "GZIP", """
            SELECT i::INTEGER AS a, (i * 7919 - 50000)::BIGINT * 1000003 AS b, i / 7.0 AS d, i::FLOAT / 4 AS f,
                   'unique-string-' || i AS s, CASE WHEN i % 5 = 0 THEN NULL ELSE i * -3 END AS n,
                   [i * 0.5, i * 1.5]::DOUBLE[] AS l
            FROM range(5000) r(i)
            """, version2: true);

        using var reader = ParquetFileReader.Open(path);
        var encodings = reader.MetaData.RowGroups.SelectMany(g => g.Columns).SelectMany(c => c.MetaData!.Encodings).ToHashSet();
        var all = Enumerable.Range(0, reader.RowGroupCount).Select(reader.ReadRowGroup).ToList();

        Assert.Contains(ParquetEncoding.DeltaBinaryPacked, encodings);
        Assert.Contains(ParquetEncoding.ByteStreamSplit, encodings);
        AssertRows(all, NodeTools.ReadWithDuckDb(path), millisecondTimestamps: false);
    }

    [InteropFact]
    public void DuckDbFileV2_EverySingleByteCorruption_SucceedsOrThrowsParquetException()
    {
        var path = Path.Combine(_dir, "duck-v2-small.parquet");
        NodeTools.WriteWithDuckDb(path, "UNCOMPRESSED", """
            SELECT i::INTEGER AS a, i * 1000003 AS b, i / 7.0 AS d, 'u' || i AS s, [i * 0.5]::DOUBLE[] AS l
            FROM range(40) r(i)
            """, version2: true);
        var file = File.ReadAllBytes(path);

        for (var i = 0; i < file.Length; i++)
        {
            var corrupt = (byte[])file.Clone();
            corrupt[i] ^= 0x5A;
            try
            {
                using var reader = ParquetFileReader.Open(new MemoryStream(corrupt), "fuzz.parquet");
                for (var g = 0; g < reader.RowGroupCount; g++)
                {
                    reader.ReadRowGroup(g);
                }
            }
            catch (ParquetException e)
            {
                Assert.Equal("fuzz.parquet", e.FileName);
            }
        }
    }

    [InteropFact]
    public void DuckDbFile_WithUnsupportedCodec_ThrowsUnsupportedNamingFile()
    {
        var snappy = Path.Combine(_dir, "snappy.parquet");
        NodeTools.WriteWithDuckDb(snappy, "SNAPPY", "SELECT i AS n FROM range(10) r(i)");

        using var snappyReader = ParquetFileReader.Open(snappy);
        var error = Assert.Throws<ParquetUnsupportedException>(() => snappyReader.ReadColumn(0, 0));

        Assert.Contains(snappy, error.Message);
        Assert.Contains("Snappy", error.Message);
        Assert.Equal(snappy, error.FileName);
    }

    private static IEnumerable<ParquetWriterOptions> Variants() =>
    [
        new ParquetWriterOptions(),
        new ParquetWriterOptions { Codec = CompressionCodec.Uncompressed, DataPageVersion = 2, DataPageRowCount = 3 },
        new ParquetWriterOptions { Codec = CompressionCodec.Gzip, DataPageVersion = 2, WritePageCrc = false },
    ];

    private (string Path, List<IReadOnlyList<ColumnData>> Groups) WriteSample(ParquetWriterOptions options)
    {
        var schema = new ParquetSchema(
            ColumnDefinition.Required("i", ColumnType.Int32),
            ColumnDefinition.Required("n", ColumnType.Int64),
            ColumnDefinition.Required("d", ColumnType.Double),
            ColumnDefinition.Optional("f", ColumnType.Float),
            ColumnDefinition.Optional("b", ColumnType.Boolean),
            ColumnDefinition.Optional("s", ColumnType.String),
            ColumnDefinition.Required("p", ColumnType.String) with { Encoding = ColumnEncoding.Plain },
            ColumnDefinition.Required("tm", ColumnType.TimestampMillis),
            ColumnDefinition.Optional("tu", ColumnType.TimestampMicros),
            ColumnDefinition.List("l", ColumnType.Double),
            ColumnDefinition.List("ls", ColumnType.String));
        var t0 = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero).AddTicks(1230);
        var groups = new List<IReadOnlyList<ColumnData>>();
        for (var g = 0; g < 2; g++)
        {
            var n = g == 0 ? 6 : 2;
            var c = schema.Columns;
            groups.Add(
            [
                new ColumnData(c[0], Enumerable.Range(0, n).Select(i => i == 1 ? int.MinValue : i * 10 + g).ToArray()),
                new ColumnData(c[1], Enumerable.Range(0, n).Select(i => i == 2 ? long.MaxValue : -i * 1_000_000_007L).ToArray()),
                new ColumnData(c[2], Enumerable.Range(0, n).Select(i => i == 0 ? -1.5 : i == 1 ? 1_000_000.25 : i / 3.0).ToArray()),
                new ColumnData(c[3], Enumerable.Range(0, n).Select(i => i == 3 ? (float?)null : i * 0.25f).ToArray()),
                new ColumnData(c[4], Enumerable.Range(0, n).Select(i => i == 4 ? (bool?)null : i % 2 == 0).ToArray()),
                new ColumnData(c[5], Enumerable.Range(0, n).Select(i => g == 0 && i == 1 ? null : i % 3 == 0 ? "" : i % 3 == 1 ? "Ünïcödé ✓" : "😀").ToArray()),
                new ColumnData(c[6], Enumerable.Range(0, n).Select(i => $"sample-{g}-{i}").ToArray()),
                new ColumnData(c[7], Enumerable.Range(0, n).Select(i => t0.AddDays(-i * 20000).AddTicks(-1230)).ToArray()),
                new ColumnData(c[8], Enumerable.Range(0, n).Select(i => i == 5 ? (DateTimeOffset?)null : t0.AddMinutes(i).AddTicks(-30)).ToArray()),
                List(c[9], new[] { 1.0, 2.0, 3.5, -4.25, 0.0, 1e-300 }, [0, 3, 3, 3, 5, 6, 6], n, nullRow: 2),
                List(c[10], new[] { "a", "", "b", "a" }, [0, 2, 2, 3, 4, 4, 4], n, nullRow: -1),
            ]);
        }

        var path = Path.Combine(_dir, $"ours-{Guid.NewGuid():N}.parquet");
        using (var stream = File.Create(path))
        using (var writer = new ParquetFileWriter(stream, schema, options, path))
        {
            foreach (var group in groups)
            {
                writer.WriteRowGroup(group);
            }
        }

        return (path, groups);
    }

    /// <summary>A list column for the first <paramref name="rows"/> rows of a template layout.</summary>
    private static ColumnData List<T>(ColumnDefinition column, T[] values, int[] offsets, int rows, int nullRow)
    {
        var rowOffsets = offsets[..(rows + 1)];
        var flags = new bool[rows];
        if (nullRow >= 0 && nullRow < rows)
        {
            flags[nullRow] = true;
        }

        return new ColumnData(column, values[..rowOffsets[^1]], rowOffsets, flags);
    }

    private static void AssertRows(List<IReadOnlyList<ColumnData>> groups, System.Text.Json.JsonElement rows, bool millisecondTimestamps)
    {
        Assert.Equal(groups.Sum(g => g[0].RowCount), rows.GetArrayLength());
        var first = 0;
        foreach (var group in groups)
        {
            foreach (var column in group)
            {
                JsonExpect.Column(column, rows, first, millisecondTimestamps);
            }

            first += group[0].RowCount;
        }
    }
}
