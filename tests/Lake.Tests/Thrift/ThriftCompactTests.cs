using System.Buffers;
using Visco.Lake.Parquet.Format;
using Visco.Lake.Thrift;

namespace Visco.Lake.Tests.Thrift;

public sealed class ThriftCompactTests
{
    [Fact]
    public void WriteI32Field_SmallDelta_PacksIdIntoTypeByte()
    {
        var bytes = Write(w =>
        {
            w.WriteStructBegin();
            w.WriteI32Field(1, 1);
            w.WriteI32Field(3, -1);
            w.WriteStructEnd();
        });

        // 0x15 = delta 1, type i32; zigzag(1) = 2; 0x25 = delta 2, type i32; zigzag(-1) = 1; 0x00 = stop.
        Assert.Equal(new byte[] { 0x15, 0x02, 0x25, 0x01, 0x00 }, bytes);
    }

    [Fact]
    public void WriteFieldBegin_DeltaAbove15_WritesZigZagFieldId()
    {
        var bytes = Write(w =>
        {
            w.WriteStructBegin();
            w.WriteI64Field(20, 300);
            w.WriteStructEnd();
        });

        // type byte 0x06 (i64), zigzag(20) = 40 = 0x28, zigzag(300) = 600 = 0xD8 0x04.
        Assert.Equal(new byte[] { 0x06, 0x28, 0xD8, 0x04, 0x00 }, bytes);
    }

    [Fact]
    public void WriteListBegin_FifteenOrMore_UsesLongForm()
    {
        var shortList = Write(w => w.WriteListBegin(ThriftType.I32, 3));
        var longList = Write(w => w.WriteListBegin(ThriftType.Binary, 300));

        Assert.Equal(new byte[] { 0x35 }, shortList);
        Assert.Equal(new byte[] { 0xF8, 0xAC, 0x02 }, longList);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    [InlineData(int.MinValue)]
    public void ReadI64_AfterWrite_RoundTrips(long value)
    {
        var bytes = Write(w => w.WriteI64(value));

        Assert.Equal(value, new ThriftCompactReader(bytes).ReadI64());
    }

    [Fact]
    public void Read_UnknownFieldsOfEveryType_AreSkipped()
    {
        var bytes = Write(w =>
        {
            w.WriteStructBegin();
            w.WriteI32Field(1, 0);
            w.WriteI32Field(2, 10);
            w.WriteDoubleField(40, 1.5);
            w.WriteBinaryField(41, [1, 2, 3]);
            w.WriteBoolField(42, true);
            w.WriteFieldBegin(ThriftType.List, 43);
            w.WriteListBegin(ThriftType.Struct, 1);
            w.WriteStructBegin();
            w.WriteBoolField(1, false);
            w.WriteStructEnd();
            w.WriteFieldBegin(ThriftType.Struct, 44);
            w.WriteStructBegin();
            w.WriteI16Field(7, -3);
            w.WriteByteField(8, 5);
            w.WriteStructEnd();
            w.WriteI32Field(3, 7);
            w.WriteStructEnd();
        });
        var withMap = Splice(bytes, new byte[] { 0x0B, 0x5A, 0x01, 0x85, 0x01, 0x41, 0x06 });

        var header = PageHeader.Read(new ThriftCompactReader(withMap));

        Assert.Equal(PageType.DataPage, header.Type);
        Assert.Equal(10, header.UncompressedPageSize);
        Assert.Equal(7, header.CompressedPageSize);
    }

    [Fact]
    public void ReadString_LengthBeyondData_ThrowsWithoutAllocating()
    {
        // Field 4 (binary) announcing 2^31-1 bytes with nothing behind it.
        var bytes = new byte[] { 0x48, 0xFF, 0xFF, 0xFF, 0xFF, 0x07 };

        var error = Assert.Throws<ThriftProtocolException>(() => SchemaElement.Read(new ThriftCompactReader(bytes)));
        Assert.Contains("exceeds", error.Message);
    }

    [Fact]
    public void ReadFieldBegin_Truncated_Throws()
    {
        var bytes = Write(w =>
        {
            w.WriteStructBegin();
            w.WriteI32Field(1, 123456);
            w.WriteStructEnd();
        });

        Assert.Throws<ThriftProtocolException>(() => PageHeader.Read(new ThriftCompactReader(bytes[..2])));
    }

    [Fact]
    public void Skip_DeeplyNestedStructs_ThrowsInsteadOfOverflowing()
    {
        var bytes = Enumerable.Repeat((byte)0x1C, 10_000).ToArray();

        Assert.Throws<ThriftProtocolException>(() => FileMetaData.Read(new ThriftCompactReader(bytes)));
    }

    [Fact]
    public void FileMetaData_RoundTrip_KeepsEveryWrittenField()
    {
        var original = new FileMetaData
        {
            Version = 2,
            NumRows = 5,
            CreatedBy = "test ✓",
            Schema =
            [
                new SchemaElement { Name = "schema", NumChildren = 1 },
                new SchemaElement
                {
                    Name = "t", Type = PhysicalType.Int64, RepetitionType = FieldRepetitionType.Optional,
                    ConvertedType = ConvertedType.TimestampMicros, LogicalType = LogicalType.Timestamp(TimeUnit.Micros, true),
                },
            ],
            KeyValueMetadata = [new KeyValue { Key = "k", Value = "v" }],
            ColumnOrders = [1],
        };

        var buffer = new ArrayBufferWriter<byte>();
        original.Write(new ThriftCompactWriter(buffer));
        var copy = FileMetaData.Read(new ThriftCompactReader(buffer.WrittenSpan.ToArray()));

        Assert.Equal(2, copy.Version);
        Assert.Equal(5, copy.NumRows);
        Assert.Equal("test ✓", copy.CreatedBy);
        Assert.Equal(LogicalTypeKind.Timestamp, copy.Schema[1].LogicalType!.Kind);
        Assert.Equal(TimeUnit.Micros, copy.Schema[1].LogicalType!.Unit);
        Assert.True(copy.Schema[1].LogicalType!.IsAdjustedToUtc);
        Assert.Equal("v", copy.KeyValueMetadata![0].Value);
        Assert.Equal([(short)1], copy.ColumnOrders);
    }

    private static byte[] Write(Action<ThriftCompactWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(new ThriftCompactWriter(buffer));
        return buffer.WrittenSpan.ToArray();
    }

    // Map field 45 in long form (0x0B, zigzag 45 = 0x5A): one entry, binary key "A" -> i32 3.
    private static byte[] Splice(byte[] structBytes, byte[] field) => [.. structBytes[..^1], .. field, 0x00];
}
