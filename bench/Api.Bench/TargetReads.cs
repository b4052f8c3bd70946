using System.Net.Http.Headers;

namespace Visco.Api.Bench;

/// <summary>
/// Reads results by device from a silo running in its own process (<c>--target http://host:port</c>), as deployed:
/// this process holds only the HTTP client, so its collections never pause the silo, and the measurement load comes
/// from another process (bench/E2E.Bench over real MQTT). See <c>mixed-e2e.sh</c>.
/// </summary>
internal static class TargetReads
{
    public static async Task<int> RunAsync(Uri target, string? tokenFile, string hospital, string devicePrefix, int devices, int rate, int seconds, int warmup, string? slowLog)
    {
        if (tokenFile is null || !File.Exists(tokenFile))
        {
            Console.Error.WriteLine("--target needs --token-file FILE holding a clinician token of the hospital (silo verb mint-token).");
            return 2;
        }

        var token = (await File.ReadAllTextAsync(tokenFile)).Trim();
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = target,
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Uri ByDevice(int i) => new($"/api/v1/hospitals/{hospital}/devices/{devicePrefix}{(i % devices) + 1:D3}/results?limit=50", UriKind.Relative);

        Console.WriteLine($"target {target}: {rate}/s for {seconds} s after {warmup} s warm-up, {devices} devices of {hospital}, 50 results a page");
        await ReadLoad.RunAsync(client, rate, warmup, ByDevice, record: false);
        ReadLoad.Print(await ReadLoad.RunAsync(client, rate, seconds, ByDevice, record: true, slowLog), "this client only");
        return 0;
    }
}
