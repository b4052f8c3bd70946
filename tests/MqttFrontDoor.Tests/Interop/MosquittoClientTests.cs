using System.Text;
using Visco.Mqtt.Packets;
using Visco.MqttFrontDoor.Hosting;
using Visco.MqttFrontDoor.Tests.Support;
using Visco.TestKit;

namespace Visco.MqttFrontDoor.Tests.Interop;

public sealed class MosquittoClientTests
{
    [RequiresToolFact("mosquitto_pub")]
    public async Task MosquittoPub_V311AndV5AtQos1And2_ReachOurSubscriber()
    {
        await using var host = await FrontDoorHost.StartOpenAsync();
        var (subscriber, _) = await RawMqttClient.ConnectAsync(host.Port, "sub");
        await using var _s = subscriber;
        await subscriber.SubscribeAsync("interop/#", MqttQualityOfService.ExactlyOnce);

        foreach (var (version, qos) in new[] { ("mqttv311", "1"), ("mqttv311", "2"), ("mqttv5", "1"), ("mqttv5", "2") })
        {
            var (exit, _, error) = await ToolRunner.RunAsync(
                "mosquitto_pub", "-h", "127.0.0.1", "-p", host.Port.ToString(), "-V", version, "-q", qos, "-i", $"mp-{version}-{qos}", "-t", $"interop/{version}", "-m", $"hello {qos}");
            Assert.True(exit == 0, error);
            var received = await subscriber.ExpectAsync<MqttPublishPacket>();
            Assert.Equal($"interop/{version}", received.Topic);
            Assert.Equal($"hello {qos}", Encoding.UTF8.GetString(received.Payload.Span));
            if (received.QualityOfService == MqttQualityOfService.ExactlyOnce)
            {
                await subscriber.SendAsync(new MqttPubRecPacket { PacketId = received.PacketId });
                await subscriber.ExpectAsync<MqttPubRelPacket>();
                await subscriber.SendAsync(new MqttPubCompPacket { PacketId = received.PacketId });
            }
            else
            {
                await subscriber.SendAsync(new MqttPubAckPacket { PacketId = received.PacketId });
            }
        }
    }

    [RequiresToolFact("mosquitto_sub")]
    public async Task MosquittoSub_V311AndV5_ReceiveRetainedAndLive()
    {
        await using var host = await FrontDoorHost.StartOpenAsync();
        var (publisher, _) = await RawMqttClient.ConnectAsync(host.Port, "pub");
        await using var _p = publisher;
        await publisher.SendAsync(new MqttPublishPacket { Topic = "state/a", Payload = "retained"u8.ToArray(), Retain = true, QualityOfService = MqttQualityOfService.AtLeastOnce, PacketId = 1 });
        await publisher.ExpectAsync<MqttPubAckPacket>();

        foreach (var version in new[] { "mqttv311", "mqttv5" })
        {
            using var process = ToolRunner.Start("mosquitto_sub", "-h", "127.0.0.1", "-p", host.Port.ToString(), "-V", version, "-q", "1", "-i", $"ms-{version}", "-t", "state/#", "-C", "2", "-v");
            await Eventually.TrueAsync(
                () => host.Server.Broker.Sessions.TryGet($"ms-{version}", out var session) && session.SubscriptionCount == 1, "mosquitto_sub subscribed");
            await publisher.PublishQos1Async("state/a", $"live {version}", 2);
            var (exit, output, error) = await ToolRunner.WaitAsync(process);
            Assert.True(exit == 0, error);
            Assert.Equal([$"state/a live {version}", "state/a retained"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());

            // Put the retained value back for the next round.
            await publisher.SendAsync(new MqttPublishPacket { Topic = "state/a", Payload = "retained"u8.ToArray(), Retain = true, QualityOfService = MqttQualityOfService.AtLeastOnce, PacketId = 3 });
            await publisher.ExpectAsync<MqttPubAckPacket>();
        }
    }

    [RequiresToolFact("mosquitto_pub")]
    public async Task MosquittoPub_TlsWithDeviceCertificate_MeasurementHandled()
    {
        var (authority, caDirectory) = DeviceFixture.CreateAuthority();
        using var _a = authority;
        await using var host = await FrontDoorHost.StartAsync(o =>
        {
            o.TlsPort = 0;
            o.DeviceCaDirectory = caDirectory;
        });
        host.Directory.Add("dev-m", "h1");
        var folder = TemporaryDirectory.CreateForProcess("visco-mosq-");
        var (key, csr) = DeviceFixture.CreateCsr("dev-m");
        using (key)
        using (var certificate = authority.SignRequest(Encoding.ASCII.GetBytes(csr), "dev-m", TimeSpan.FromDays(1), DateTimeOffset.UtcNow))
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "dev.crt"), certificate.ExportCertificatePem());
            await File.WriteAllTextAsync(Path.Combine(folder, "dev.key"), key.ExportPkcs8PrivateKeyPem());
        }

        var dataDirectory = host.Server.Broker.Options.DataDirectory;
        var serverCa = Path.Combine(dataDirectory, DevelopmentServerCertificate.CertificateFileName);
        foreach (var version in new[] { "mqttv311", "mqttv5" })
        {
            var (exit, _, error) = await ToolRunner.RunAsync(
                "mosquitto_pub", "-h", "localhost", "-p", host.TlsPort.ToString(), "-V", version, "-q", "1", "-i", "dev-m",
                "--cafile", serverCa, "--cert", Path.Combine(folder, "dev.crt"), "--key", Path.Combine(folder, "dev.key"),
                "-t", "devices/dev-m/measurements", "-m", "{\"v\":1}");
            Assert.True(exit == 0, error);
            var message = await host.Handler.Messages.Reader.ReadAsync().AsTask().WaitAsync(RawMqttClient.Patience);
            Assert.Equal("dev-m", message.DeviceId);
        }

        // Without a certificate (and without a secret) the same device is refused.
        var (refusedExit, _, _) = await ToolRunner.RunAsync(
            "mosquitto_pub", "-h", "localhost", "-p", host.TlsPort.ToString(), "-V", "mqttv5", "-q", "1", "-i", "dev-m",
            "--cafile", serverCa, "-t", "devices/dev-m/measurements", "-m", "{}");
        Assert.NotEqual(0, refusedExit);
    }
}
