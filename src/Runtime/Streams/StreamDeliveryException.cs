namespace Visco.Runtime.Streams;

/// <summary>An observer failed part-way through a delivery: the first <see cref="Delivered"/> events were handled.</summary>
internal sealed class StreamDeliveryException(int delivered, Exception inner)
    : Exception($"The observer failed after {delivered} events: {inner.Message}", inner)
{
    /// <summary>How many events of the delivery the observer completed.</summary>
    public int Delivered { get; } = delivered;
}
