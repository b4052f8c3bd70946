namespace Visco.Lake.Thrift;

/// <summary>A decoded field header: its type and id. <see cref="ThriftType.Stop"/> ends the struct.</summary>
/// <param name="Type">The compact type code (booleans carry their value here).</param>
/// <param name="Id">The field id.</param>
public readonly record struct ThriftField(ThriftType Type, short Id)
{
    /// <summary>True when this header is the struct's stop byte.</summary>
    public bool IsStop => Type == ThriftType.Stop;
}
