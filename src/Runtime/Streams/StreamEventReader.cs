using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.State;

namespace Visco.Runtime.Streams;

/// <summary>Reads a stored event back as the subscriber's type.</summary>
internal static class StreamEventReader
{
    /// <summary>The event as <typeparamref name="T"/>, or an error that says which event could not be read.</summary>
    public static bool TryRead<T>(StoredStreamEvent streamEvent, [MaybeNullWhen(false)] out T item, [NotNullWhen(false)] out Exception? error)
    {
        try
        {
            item = StateSerializer.Deserialize<T>(streamEvent.Payload)!;
            error = null;
            return true;
        }
        catch (JsonException exception)
        {
            item = default;
            error = new InvalidDataException(
                $"Event {streamEvent.Sequence} of stream {streamEvent.Stream} cannot be read as {typeof(T).Name}: {exception.Message}", exception);
            return false;
        }
    }
}
