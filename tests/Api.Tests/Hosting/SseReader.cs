namespace Visco.Api.Tests.Hosting;

/// <summary>Reads server-sent events from a response stream, each read bounded in time.</summary>
public sealed class SseReader(Stream stream) : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private readonly StreamReader _reader = new(stream);

    /// <summary>The next event: its type, data and id.</summary>
    public async Task<(string Event, string Data, string? Id)> NextAsync()
    {
        string? type = null, data = null, id = null;
        while (true)
        {
            var line = await _reader.ReadLineAsync().WaitAsync(Wait) ?? throw new EndOfStreamException("The feed ended.");
            if (line.Length == 0)
            {
                if (type is not null || data is not null)
                {
                    return (type ?? "message", data ?? "", id);
                }

                continue;
            }

            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line[6..];
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
        }
    }

    /// <summary>Skips to the next event of the given type.</summary>
    public async Task<(string Event, string Data, string? Id)> NextOfTypeAsync(string type)
    {
        while (true)
        {
            var next = await NextAsync();
            if (next.Event == type)
            {
                return next;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _reader.Dispose();
}
