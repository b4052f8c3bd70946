using System.Net;
using System.Net.Sockets;

namespace Visco.TestKit;

/// <summary>Loopback helpers for tests that run real servers: free ports, and waiting for a silo to be ready.</summary>
public static class Loopback
{
    /// <summary>A port free on 127.0.0.1 now (the OS picks it; a test binds it right after).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Polls <c>/readyz</c> until it answers 200 or <paramref name="limit"/> passes (a process starting up cannot
    /// signal the test any other way); returns the last status, or null when nothing ever answered.
    /// </summary>
    public static async Task<HttpStatusCode?> WaitUntilReadyAsync(HttpClient client, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        HttpStatusCode? status = null;
        while (true)
        {
            try
            {
                status = (await client.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (status == HttpStatusCode.OK || DateTime.UtcNow > deadline)
            {
                return status;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }
}
