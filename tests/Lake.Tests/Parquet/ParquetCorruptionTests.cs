using System.Buffers.Binary;
using Visco.Lake.Parquet;
using Visco.Lake.Parquet.Format;
using Visco.Lake.Parquet.Schema;

namespace Visco.Lake.Tests.Parquet;

public sealed class ParquetCorruptionTests
{
    private const string Name = "lake/measurements/hospital=h1/date=2026-01-01/part-1.parquet";

    [Fact]
    public void Open_BadMagic_ThrowsFormatExceptionNamingFile()
    {
        var file = SampleFile();
        file[0] = (byte)'X';

        var error = Assert.Throws<ParquetFormatException>(() => ParquetTestFiles.Read(file, Name));

        Assert.Equal(Name, error.FileName);
        Assert.Contains(Name, error.Message);
        Assert.Contains("magic", error.Message);
    }

    [Fact]
    public void Open_TooShort_ThrowsFormatException()
    {
        var error = Assert.Throws<ParquetFormatException>(() => ParquetTestFiles.Read("PAR1PAR1"u8.ToArray(), Name));

        Assert.Contains("too short", error.Message);
    }

    [Fact]
    public void Open_FooterLengthOutOfRange_ThrowsFormatException()
    {
        var file = SampleFile();
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(file.Length - 8), file.Length);

        var error = Assert.Throws<ParquetFormatException>(() => ParquetTestFiles.Read(file, Name));

        Assert.Contains("footer length", error.Message);
    }

    [Fact]
    public void Open_GarbageFooter_ThrowsFormatException()
    {
        var file = SampleFile();
        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(file.Length - 8));
        file.AsSpan(file.Length - 8 - footerLength, footerLength).Fill(0xFF);

        var error = Assert.Throws<ParquetFormatException>(() => ParquetTestFiles.Read(file, Name));

        Assert.Contains("footer does not decode", error.Message);
    }

    [Fact]
    public void ReadColumn_FlippedPageByte_ThrowsCrcMismatch()
    {
        var file = SampleFile();
        using (var reader = ParquetFileReader.Open(new MemoryStream(file), Name))
        {
            var meta = reader.MetaData.RowGroups[0].Columns[0].MetaData!;
            file[meta.DataPageOffset + meta.TotalCompressedSize - 1] ^= 0x55;
        }

        var error = Assert.Throws<ParquetFormatException>(() => ParquetTestFiles.Read(file, Name));

        Assert.Contains("CRC", error.Message);
        Assert.Contains("column 'd'", error.Message);
    }

    [Fact]
    public void ReadColumn_CorruptGzipWithoutCrc_ThrowsFormatException()
    {
        var file = SampleFile(new ParquetWriterOptions { WritePageCrc = false });
        using (var reader = ParquetFileReader.Open(new MemoryStream(file), Name))
        {
            var meta = reader.MetaData.RowGroups[0].Columns[0].MetaData!;
            file.AsSpan((int)meta.DataPageOffset + 12, 8).Fill(0xEE);
        }

        Assert.Throws<ParquetFormatException>(() => ParquetTestFiles.Read(file, Name));
    }

    [Fact]
    public void Read_EveryTruncation_ThrowsFormatException()
    {
        var file = SampleFile();

        for (var length = 0; length < file.Length; length++)
        {
            var error = Assert.Throws<ParquetFormatException>(() => ParquetTestFiles.Read(file[..length], Name));
            Assert.Equal(Name, error.FileName);
        }
    }

    [Theory]
    [InlineData(CompressionCodec.Uncompressed, false)]
    [InlineData(CompressionCodec.Gzip, false)]
    [InlineData(CompressionCodec.Uncompressed, true)]
    public void Read_EverySingleByteCorruption_SucceedsOrThrowsParquetException(CompressionCodec codec, bool crc)
    {
        var file = SampleFile(new ParquetWriterOptions { Codec = codec, WritePageCrc = crc, DataPageRowCount = 3 });

        for (var i = 0; i < file.Length; i++)
        {
            foreach (var flip in new byte[] { 0x01, 0x80, 0xFF })
            {
                var corrupt = (byte[])file.Clone();
                corrupt[i] ^= flip;
                try
                {
                    ParquetTestFiles.Read(corrupt, Name);
                }
                catch (ParquetException e)
                {
                    Assert.Equal(Name, e.FileName);
                }
            }
        }
    }

    [Fact]
    public void Open_UnsupportedNestedSchema_ThrowsUnsupportedException()
    {
        var schema = new ParquetSchema(ColumnDefinition.Required("x", ColumnType.Int32));
        var file = ParquetTestFiles.Write(schema, new ParquetWriterOptions(), [new ColumnData(schema.Columns[0], new[] { 1 })]);
        using var reader = ParquetFileReader.Open(new MemoryStream(file), Name);
        var metaData = reader.MetaData;
        metaData.Schema[1].LogicalType = new LogicalType { Kind = LogicalTypeKind.Unrecognized, FieldId = 99 };

        var error = Assert.Throws<ParquetUnsupportedException>(() => SchemaReader.Read(metaData, Name));

        Assert.Contains("newer", error.Message);
        Assert.Equal(Name, error.FileName);
    }

    private static byte[] SampleFile(ParquetWriterOptions? options = null)
    {
        var schema = new ParquetSchema(
            ColumnDefinition.Required("d", ColumnType.Double),
            ColumnDefinition.Optional("s", ColumnType.String),
            ColumnDefinition.List("l", ColumnType.Double));
        var columns = new[]
        {
            new ColumnData(schema.Columns[0], new[] { 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0 }),
            new ColumnData(schema.Columns[1], new[] { "a", null, "b", "a", "a", null, "c" }),
            new ColumnData(schema.Columns[2], new[] { 1.0, 2.0, 3.0 }, [0, 1, 1, 3, 3, 3, 3, 3], [false, true, false, false, false, false, false]),
        };
        return ParquetTestFiles.Write(schema, options ?? new ParquetWriterOptions(), columns);
    }
}
