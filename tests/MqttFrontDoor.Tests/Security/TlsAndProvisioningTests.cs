using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading.Channels;
using Visco.Grains.Interfaces.Devices;
using Visco.Mqtt.Client;
using Visco.Mqtt.Packets;
using Visco.MqttFrontDoor.Tests.Support;

namespace Visco.MqttFrontDoor.Tests.Security;

public sealed class TlsAndProvisioningTests
{
    private static async Task<(FrontDoorHost Host, Visco.MqttFrontDoor.Security.DeviceCertificateAuthority Authority)> StartTlsAsync()
    {
        var (authority, directory) = DeviceFixture.CreateAuthority();
        var host = await FrontDoorHost.StartAsync(o =>
        {
            o.TlsPort = 0;
            o.DeviceCaDirectory = directory;
        });
        return (host, authority);
    }

    /// <summary>
    /// Connects as dev-9 with claim-1's credentials, subscribes to its provisioning topics, publishes a CSR for dev-9 and
    /// returns the two packets that follow (the PUBACK and the front door's answer).
    /// </summary>
    private static async Task<MqttPacket?[]> SendClaimCsrAsync(FrontDoorHost host)
    {
        var (client, connAck) = await RawMqttClient.ConnectAsync(host.Port, "dev-9", configure: c =>
        {
            c.UserName = "claim-1";
            c.Password = Encoding.UTF8.GetBytes("claim-secret");
        });
        await using var _c = client;
        Assert.Equal(MqttConnectReasonCode.Success, connAck.ReasonCode);
        await client.SubscribeAsync("provisioning/dev-9/+");
        var (key, csr) = DeviceFixture.CreateCsr("dev-9");
        using var _k = key;
        await client.SendAsync(new MqttPublishPacket { Topic = "provisioning/dev-9/csr", Payload = Encoding.ASCII.GetBytes(csr), QualityOfService = MqttQualityOfService.AtLeastOnce, PacketId = 1 });
        return [await client.ReceiveAsync(), await client.ReceiveAsync()];
    }

    private static MqttClientOptions TlsOptions(FrontDoorHost host, string clientId, X509Certificate2? certificate) => new()
    {
        Port = host.TlsPort,
        ClientId = clientId,
        ConnectTimeout = RawMqttClient.Patience,
        Tls = new MqttClientTlsOptions
        {
            TargetHost = "localhost",
            ClientCertificates = certificate is null ? null : new X509CertificateCollection { certificate },

            // The development server certificate is self-signed; trusting it is not what these tests are about.
            ServerCertificateValidation = (_, _, _, _) => true,
        },
    };

    [Fact]
    public async Task Tls_ClientCertificateFromDeviceCa_Accepted()
    {
        var (host, authority) = await StartTlsAsync();
        await using var _h = host;
        using var _a = authority;
        host.Directory.Add("dev-7", "h1");
        using var certificate = DeviceFixture.Issue(authority, "dev-7");

        await using var client = new MqttClient(TlsOptions(host, "dev-7", certificate));
        var connAck = await client.ConnectAsync();

        Assert.Equal(MqttConnectReasonCode.Success, connAck.ReasonCode);
        var result = await client.PublishAsync(new MqttApplicationMessage { Topic = "devices/dev-7/state", Payload = "{}"u8.ToArray(), QualityOfService = MqttQualityOfService.AtLeastOnce });
        Assert.True(result.IsSuccess);
    }

    [Fact]
    public async Task Tls_CertificateNotListedInRegistry_Refused()
    {
        var (host, authority) = await StartTlsAsync();
        await using var _h = host;
        using var _a = authority;
        host.Directory.Add("dev-7", "h1", DeviceStatus.Active, null, "00FF");
        using var certificate = DeviceFixture.Issue(authority, "dev-7");

        await using var client = new MqttClient(TlsOptions(host, "dev-7", certificate));
        var refused = await Assert.ThrowsAsync<MqttConnectionRefusedException>(() => client.ConnectAsync());
        Assert.Equal(MqttConnectReasonCode.NotAuthorized, refused.ReasonCode);
    }

    [Fact]
    public async Task Tls_ClientCertificateFromAnotherCa_Refused()
    {
        var (host, authority) = await StartTlsAsync();
        await using var _h = host;
        using var _a = authority;
        host.Directory.Add("dev-7", "h1");
        var (stranger, _) = DeviceFixture.CreateAuthority("Stranger CA");
        using var _s = stranger;
        using var certificate = DeviceFixture.Issue(stranger, "dev-7");

        await using var client = new MqttClient(TlsOptions(host, "dev-7", certificate));
        var failure = await Record.ExceptionAsync(() => client.ConnectAsync());

        // Refused in the handshake (or, at the latest, by CONNACK): either way never connected.
        Assert.NotNull(failure);
        Assert.False(client.IsConnected);
        Assert.False(host.Server.DeviceConnections.IsConnected("dev-7"));
    }

    [Fact]
    public async Task Provisioning_ByClaim_CertificateIssuedAndUsableForTlsConnect()
    {
        var (host, authority) = await StartTlsAsync();
        await using var _h = host;
        using var _a = authority;
        host.Directory.Add("dev-9", "h1", DeviceStatus.Provisioning);
        host.Directory.AddClaim("claim-1", "claim-secret", "h1", DateTimeOffset.UtcNow.AddYears(10));

        var received = Channel.CreateUnbounded<MqttReceivedMessage>();
        await using var claimClient = new MqttClient(new MqttClientOptions
        {
            Port = host.Port,
            ClientId = "dev-9",
            UserName = "claim-1",
            Password = Encoding.UTF8.GetBytes("claim-secret"),
            ConnectTimeout = RawMqttClient.Patience,
        });
        claimClient.MessageReceived = (message, _) => received.Writer.WriteAsync(message);
        Assert.Equal(MqttConnectReasonCode.Success, (await claimClient.ConnectAsync()).ReasonCode);
        await claimClient.SubscribeAsync("provisioning/dev-9/+", MqttQualityOfService.AtLeastOnce);

        // A claim may not touch device topics.
        var denied = await claimClient.PublishAsync(new MqttApplicationMessage { Topic = "devices/dev-9/measurements", Payload = "{}"u8.ToArray(), QualityOfService = MqttQualityOfService.AtLeastOnce });
        Assert.Equal(MqttPubAckReasonCode.NotAuthorized, denied.ReasonCode);

        var (key, csr) = DeviceFixture.CreateCsr("whatever-the-device-says");
        using var _k = key;
        var sent = await claimClient.PublishAsync(new MqttApplicationMessage { Topic = "provisioning/dev-9/csr", Payload = Encoding.ASCII.GetBytes(csr), QualityOfService = MqttQualityOfService.AtLeastOnce });
        Assert.True(sent.IsSuccess);
        var answer = await received.Reader.ReadAsync().AsTask().WaitAsync(RawMqttClient.Patience);
        Assert.Equal("provisioning/dev-9/certificate", answer.Topic);

        using var issued = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(answer.Payload.Span));
        Assert.Equal("dev-9", issued.GetNameInfo(X509NameType.SimpleName, false));
        Assert.Equal(Visco.MqttFrontDoor.Security.DeviceCertificateAuthority.Thumbprint(issued), host.Directory.RecordedThumbprints["dev-9"]);
        await claimClient.DisconnectAsync();

        using var withKey = DeviceFixture.WithKey(issued, key);
        await using var device = new MqttClient(TlsOptions(host, "dev-9", withKey));
        Assert.Equal(MqttConnectReasonCode.Success, (await device.ConnectAsync()).ReasonCode);
    }

    [Fact]
    public async Task Provisioning_DeviceOfAnotherHospital_ErrorPublished()
    {
        var (host, authority) = await StartTlsAsync();
        await using var _h = host;
        using var _a = authority;
        host.Directory.Add("dev-9", "h2", DeviceStatus.Provisioning);
        host.Directory.AddClaim("claim-1", "claim-secret", "h1", DateTimeOffset.UtcNow.AddYears(10));
        var packets = await SendClaimCsrAsync(host);
        Assert.Equal("provisioning/dev-9/error", packets.OfType<MqttPublishPacket>().Single().Topic);
        Assert.Empty(host.Directory.RecordedThumbprints);
    }

    [Fact]
    public async Task Provisioning_RegistryRefusesToRecordAfterSigning_ErrorPublishedAndNoCertificateHandedOut()
    {
        var (host, authority) = await StartTlsAsync();
        await using var _h = host;
        using var _a = authority;
        host.Directory.Add("dev-9", "h1", DeviceStatus.Provisioning);
        host.Directory.AddClaim("claim-1", "claim-secret", "h1", DateTimeOffset.UtcNow.AddYears(10));

        // The device changed between the front door's check and the recording (another claim provisioned it first).
        host.Directory.RefuseIssue = "device already has a certificate";
        var publish = (await SendClaimCsrAsync(host)).OfType<MqttPublishPacket>().Single();
        Assert.Equal("provisioning/dev-9/error", publish.Topic);
        Assert.Contains("device already has a certificate", Encoding.UTF8.GetString(publish.Payload.Span), StringComparison.Ordinal);
        var (deviceId, issue) = Assert.Single(host.Directory.Issues);
        Assert.Equal(("dev-9", true, null), (deviceId, issue.ByClaim, issue.RenewedWith));
        Assert.Empty(host.Directory.RecordedThumbprints);
    }

    [Fact]
    public async Task Provisioning_RenewalOverTheDevicesCertificate_RecordedAsRenewalWithThatCertificate()
    {
        var (host, authority) = await StartTlsAsync();
        await using var _h = host;
        using var _a = authority;
        using var certificate = DeviceFixture.Issue(authority, "dev-7");
        var current = Visco.MqttFrontDoor.Security.DeviceCertificateAuthority.Thumbprint(certificate);
        host.Directory.Add("dev-7", "h1", DeviceStatus.Active, null, current);
        var received = Channel.CreateUnbounded<MqttReceivedMessage>();
        await using var device = new MqttClient(TlsOptions(host, "dev-7", certificate));
        device.MessageReceived = (message, _) => received.Writer.WriteAsync(message);
        Assert.Equal(MqttConnectReasonCode.Success, (await device.ConnectAsync()).ReasonCode);
        await device.SubscribeAsync("provisioning/dev-7/+", MqttQualityOfService.AtLeastOnce);
        var (key, csr) = DeviceFixture.CreateCsr("dev-7");
        using var _k = key;

        await device.PublishAsync(new MqttApplicationMessage { Topic = "provisioning/dev-7/csr", Payload = Encoding.ASCII.GetBytes(csr), QualityOfService = MqttQualityOfService.AtLeastOnce });

        var answer = await received.Reader.ReadAsync().AsTask().WaitAsync(RawMqttClient.Patience);
        Assert.Equal("provisioning/dev-7/certificate", answer.Topic);
        var (_, issue) = Assert.Single(host.Directory.Issues);
        Assert.Equal((false, current), (issue.ByClaim, issue.RenewedWith));
    }

    [Fact]
    public void DeviceCertificateAuthority_Created_KeyOwnerOnlyAndReloadable()
    {
        var (authority, directory) = DeviceFixture.CreateAuthority();
        using var _a = authority;
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory, Visco.MqttFrontDoor.Security.DeviceCertificateAuthority.KeyFileName)));
        }

        using var loaded = Visco.MqttFrontDoor.Security.DeviceCertificateAuthority.Load(directory);
        Assert.True(loaded.CanSign);
        using var certificate = DeviceFixture.Issue(loaded, "dev-1");
        Assert.Null(authority.Validate(certificate, DateTimeOffset.UtcNow));
        Assert.Throws<Visco.MqttFrontDoor.Security.DeviceCertificateException>(() => Visco.MqttFrontDoor.Security.DeviceCertificateAuthority.Create(directory));
        Assert.Throws<Visco.MqttFrontDoor.Security.DeviceCertificateException>(() => loaded.SignRequest("not a csr"u8, "dev-1", TimeSpan.FromDays(1), DateTimeOffset.UtcNow));
    }
}
