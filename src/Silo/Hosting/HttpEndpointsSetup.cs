using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Visco.Silo.Hosting;

/// <summary>
/// Binds the HTTP endpoints of "Urls" explicitly. Kestrel ignores "Urls" as soon as anything calls Listen (the MQTT
/// front door does, for 1883 and 8883), so the silo restates its HTTP port the same way.
/// </summary>
internal sealed class HttpEndpointsSetup(string urls) : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions options)
    {
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // "http://*:8080" and "http://+:8080" are not valid URIs; they mean every address.
            var normalized = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
            {
                throw new InvalidOperationException(
                    $"Urls contains '{url}'; give http://host:port entries separated by ';' (HTTPS is configured under Kestrel:Endpoints).");
            }

            if (uri.Host == "localhost")
            {
                options.ListenLocalhost(uri.Port);
            }
            else if (IPAddress.TryParse(uri.Host, out var address))
            {
                options.Listen(address, uri.Port);
            }
            else
            {
                throw new InvalidOperationException($"Urls entry '{url}' names host '{uri.Host}'; use localhost, an IP address or *.");
            }
        }
    }
}
