namespace Visco.Runtime.Abstractions.Streams;

/// <summary>
/// The position of an event in its stream: sequence numbers start at 1 and grow by one per event. Delivery is at least
/// once, so a consumer that remembers the last sequence it handled can drop a redelivered event.
/// </summary>
public sealed record StreamSequenceToken(long SequenceNumber) : IComparable<StreamSequenceToken>
{
    /// <inheritdoc />
    public int CompareTo(StreamSequenceToken? other) => other is null ? 1 : SequenceNumber.CompareTo(other.SequenceNumber);
}
