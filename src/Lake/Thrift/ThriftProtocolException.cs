namespace Visco.Lake.Thrift;

/// <summary>Bytes that do not decode as Thrift compact protocol: truncated, malformed or nested too deeply.</summary>
public sealed class ThriftProtocolException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ThriftProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public ThriftProtocolException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
