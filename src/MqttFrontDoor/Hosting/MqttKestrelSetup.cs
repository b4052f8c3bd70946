using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Visco.MqttFrontDoor.Diagnostics;

namespace Visco.MqttFrontDoor.Hosting;

/// <summary>Adds the MQTT listeners (TCP and TLS, from <see cref="MqttFrontDoorOptions"/>) to Kestrel.</summary>
public sealed class MqttKestrelSetup(IOptions<MqttFrontDoorOptions> options, MqttFrontDoorServer server, TimeProvider time, ILoggerFactory loggerFactory)
    : IConfigureOptions<KestrelServerOptions>
{
    /// <summary>Adds the listeners.</summary>
    public void Configure(KestrelServerOptions kestrel)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        var settings = options.Value;
        var address = settings.ListenAddress switch
        {
            "localhost" => IPAddress.Loopback,
            "any" => IPAddress.Any,
            var text => IPAddress.Parse(text),
        };
        if (settings.TcpPort >= 0)
        {
            kestrel.Listen(address, settings.TcpPort, listen =>
            {
                listen.UseConnectionHandler<MqttConnectionHandler>();
                server.SetListener(tls: false, listen);
            });
        }

        if (settings.TlsPort >= 0)
        {
            var certificate = LoadServerCertificate(settings);
            kestrel.Listen(address, settings.TlsPort, listen =>
            {
                listen.UseHttps(https =>
                {
                    https.ServerCertificate = certificate;
                    ConfigureClientCertificates(https, settings);
                });
                listen.UseConnectionHandler<MqttConnectionHandler>();
                server.SetListener(tls: true, listen);
            });
        }
    }

    private void ConfigureClientCertificates(HttpsConnectionAdapterOptions https, MqttFrontDoorOptions settings)
    {
        var authority = server.Broker.Authority;
        if (authority is null)
        {
            https.ClientCertificateMode = ClientCertificateMode.NoCertificate;
            return;
        }

        https.ClientCertificateMode = settings.RequireClientCertificate ? ClientCertificateMode.RequireCertificate : ClientCertificateMode.AllowCertificate;

        // Only the device CA counts: the machine's trust store must not vouch for an analyser.
        https.ClientCertificateValidation = (certificate, _, _) => authority.Validate(certificate, time.GetUtcNow()) is null;
        https.CheckCertificateRevocation = false;
    }

    private X509Certificate2 LoadServerCertificate(MqttFrontDoorOptions settings)
    {
        if (settings.ServerCertificatePath is { } certificatePath)
        {
            return X509Certificate2.CreateFromPemFile(certificatePath, settings.ServerCertificateKeyPath);
        }

        var certificate = DevelopmentServerCertificate.LoadOrCreate(settings.DataDirectory, time, out var created);
        if (created)
        {
            MqttLog.DevelopmentCertificateCreated(loggerFactory.CreateLogger("Visco.MqttFrontDoor"), Path.Combine(settings.DataDirectory, DevelopmentServerCertificate.CertificateFileName));
        }

        return certificate;
    }
}
