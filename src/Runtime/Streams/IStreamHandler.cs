using Visco.Runtime.Abstractions.Storage;

namespace Visco.Runtime.Streams;

/// <summary>A subscriber's observer behind a type-erased face, so the agent can hand it stored events.</summary>
internal interface IStreamHandler
{
    /// <summary>
    /// Deserializes and delivers consecutive events of one stream in order; completes when the observer is done with
    /// all of them.
    /// </summary>
    /// <exception cref="StreamDeliveryException">The observer failed; <see cref="StreamDeliveryException.Delivered"/>
    /// events (a prefix) were handled and need no redelivery.</exception>
    Task DeliverAsync(IReadOnlyList<StoredStreamEvent> events);
}
