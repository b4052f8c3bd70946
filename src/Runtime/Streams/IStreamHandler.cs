using Visco.Runtime.Abstractions.Storage;

namespace Visco.Runtime.Streams;

/// <summary>A subscriber's observer behind a type-erased face, so the agent can hand it stored events.</summary>
internal interface IStreamHandler
{
    /// <summary>Deserializes and delivers one event; completes when the observer is done with it.</summary>
    Task DeliverAsync(StoredStreamEvent streamEvent);
}
