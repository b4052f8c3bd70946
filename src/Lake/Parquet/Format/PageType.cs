namespace Visco.Lake.Parquet.Format;

/// <summary>Page kinds (parquet.thrift <c>PageType</c>).</summary>
public enum PageType
{
    /// <summary>A v1 data page: levels and values compressed together.</summary>
    DataPage = 0,

    /// <summary>An index page (never written by known writers).</summary>
    IndexPage = 1,

    /// <summary>The dictionary of a column chunk.</summary>
    DictionaryPage = 2,

    /// <summary>A v2 data page: levels uncompressed, values optionally compressed.</summary>
    DataPageV2 = 3,
}
