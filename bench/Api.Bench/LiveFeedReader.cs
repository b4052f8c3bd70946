using System.Net.ServerSentEvents;

namespace Visco.Api.Bench;

/// <summary>One SSE client on a hospital's live feed, counting result events and when they arrived.</summary>
internal sealed class LiveFeedReader(HttpClient client, string hospitalId)
{
    private long _results;

    public long Results => Interlocked.Read(ref _results);

    /// <summary>Set once the feed said it is subscribed ("ready").</summary>
    public TaskCompletionSource Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            using var response = await client.GetAsync(
                new Uri($"/api/v1/hospitals/{hospitalId}/live", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, stopping);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync(stopping);
            await foreach (var item in SseParser.Create(body).EnumerateAsync(stopping))
            {
                if (item.EventType == "ready")
                {
                    Ready.TrySetResult();
                }
                else if (item.EventType == "result")
                {
                    Interlocked.Increment(ref _results);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            Ready.TrySetException(exception);
            Console.WriteLine($"live feed ended: {exception.Message}");
        }
    }
}
