namespace Visco.Runtime.Abstractions.Streams;

/// <summary>A named stream provider (the durable one is "durable").</summary>
public interface IStreamProvider
{
    /// <summary>The provider's name.</summary>
    string Name { get; }

    /// <summary>The stream with this identity (nothing is created until an event is published).</summary>
    IAsyncStream<T> GetStream<T>(StreamId streamId);
}
