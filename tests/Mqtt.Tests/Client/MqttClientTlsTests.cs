using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

using Visco.Mqtt.Client;
using Visco.Mqtt.Packets;
using Visco.Mqtt.Tests.Support;

namespace Visco.Mqtt.Tests.Client;

public sealed class MqttClientTlsTests
{
    private static X509Certificate2 CreateCertificate(string subject, bool server)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256);
        if (server)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
        }

        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(server ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        // Round-trip through PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    [Fact]
    public async Task ConnectAsync_TrustedCaAndClientCertificate_MutualTlsWorks()
    {
        using var serverCertificate = CreateCertificate("localhost", server: true);
        using var clientCertificate = CreateCertificate("analyser-0042", server: false);
        using var serverPublic = X509CertificateLoader.LoadCertificate(serverCertificate.Export(X509ContentType.Cert));
        using var server = new FakeMqttServer();
        await using var client = new MqttClient(new MqttClientOptions
        {
            Port = server.Port,
            ClientId = "analyser-0042",
            KeepAlive = TimeSpan.Zero,
            Tls = new MqttClientTlsOptions
            {
                TargetHost = "localhost",
                TrustedCertificateAuthorities = [serverPublic],
                ClientCertificates = [clientCertificate],
            },
        });

        var connecting = client.ConnectAsync();
        await using var connection = await server.AcceptAsync(new SslServerAuthenticationOptions
        {
            ServerCertificate = serverCertificate,
            ClientCertificateRequired = true,
            RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null,
        });
        await connection.AcceptConnectAsync();
        await connecting.Within();
        var publishing = client.PublishAsync(new MqttApplicationMessage { Topic = "tls", Payload = "secret"u8.ToArray(), QualityOfService = MqttQualityOfService.AtLeastOnce });
        var publish = await connection.ReceiveAsync<MqttPublishPacket>();
        await connection.SendAsync(new MqttPubAckPacket { PacketId = publish.PacketId });

        Assert.True((await publishing.Within()).IsSuccess);
        Assert.Equal("CN=analyser-0042", ((SslStream)connection.Stream).RemoteCertificate!.Subject);
    }

    [Fact]
    public async Task ConnectAsync_UntrustedServerCertificate_FailsAuthentication()
    {
        using var serverCertificate = CreateCertificate("localhost", server: true);
        using var server = new FakeMqttServer();
        await using var client = new MqttClient(new MqttClientOptions
        {
            Port = server.Port,
            Tls = new MqttClientTlsOptions { TargetHost = "localhost" },
        });

        var connecting = client.ConnectAsync();
        var accepting = server.AcceptAsync(new SslServerAuthenticationOptions { ServerCertificate = serverCertificate });

        await Assert.ThrowsAsync<AuthenticationException>(() => connecting.Within());
        Assert.False(client.IsConnected);

        // With TLS 1.3 the server may finish its half of the handshake before the client rejects it; either way the
        // client then closes the connection.
        try
        {
            await using var connection = await accepting;
            await connection.WaitForCloseAsync();
        }
        catch (AuthenticationException)
        {
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task ConnectAsync_ValidationCallback_DecidesAlone()
    {
        using var serverCertificate = CreateCertificate("localhost", server: true);
        using var server = new FakeMqttServer();
        string? seen = null;
        await using var client = new MqttClient(new MqttClientOptions
        {
            Port = server.Port,
            KeepAlive = TimeSpan.Zero,
            Tls = new MqttClientTlsOptions
            {
                TargetHost = "localhost",
                ServerCertificateValidation = (_, certificate, _, _) =>
                {
                    seen = certificate?.Subject;
                    return true;
                },
            },
        });

        var connecting = client.ConnectAsync();
        await using var connection = await server.AcceptAsync(new SslServerAuthenticationOptions { ServerCertificate = serverCertificate });
        await connection.AcceptConnectAsync();
        await connecting.Within();

        Assert.Equal("CN=localhost", seen);
    }
}
