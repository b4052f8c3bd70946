namespace Visco.Lake.Parquet.Format;

/// <summary>Page and level encodings (parquet.thrift <c>Encoding</c>), numbered as the specification.</summary>
public enum ParquetEncoding
{
    /// <summary>Values back to back in their natural layout.</summary>
    Plain = 0,

    /// <summary>Deprecated name of dictionary indices in data pages (and PLAIN in dictionary pages).</summary>
    PlainDictionary = 2,

    /// <summary>The RLE / bit-packed hybrid.</summary>
    Rle = 3,

    /// <summary>Deprecated bit packing for levels.</summary>
    BitPacked = 4,

    /// <summary>Delta encoding for integers.</summary>
    DeltaBinaryPacked = 5,

    /// <summary>Delta-encoded lengths then bytes.</summary>
    DeltaLengthByteArray = 6,

    /// <summary>Prefix-shared byte arrays.</summary>
    DeltaByteArray = 7,

    /// <summary>Dictionary indices in the RLE / bit-packed hybrid.</summary>
    RleDictionary = 8,

    /// <summary>Byte streams split by byte position.</summary>
    ByteStreamSplit = 9,
}
