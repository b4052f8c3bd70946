namespace Visco.Lake.Parquet.Format;

/// <summary>Repetition of a schema node (parquet.thrift <c>FieldRepetitionType</c>).</summary>
public enum FieldRepetitionType
{
    /// <summary>Exactly one value per parent.</summary>
    Required = 0,

    /// <summary>Zero or one value per parent.</summary>
    Optional = 1,

    /// <summary>Zero or more values per parent.</summary>
    Repeated = 2,
}
