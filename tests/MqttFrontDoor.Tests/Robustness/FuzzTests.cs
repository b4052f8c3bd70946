using System.Buffers;
using System.Net.Sockets;
using Visco.Mqtt.Codec;
using Visco.Mqtt.Packets;
using Visco.MqttFrontDoor.Tests.Support;

namespace Visco.MqttFrontDoor.Tests.Robustness;

public sealed class FuzzTests
{
    private static readonly MqttPacket[] Seeds =
    [
        new MqttPublishPacket { Topic = "a/b", Payload = "hello"u8.ToArray(), QualityOfService = MqttQualityOfService.AtLeastOnce, PacketId = 1, ContentType = "t", UserProperties = [new("k", "v")] },
        new MqttPublishPacket { Topic = "a", Payload = "x"u8.ToArray(), QualityOfService = MqttQualityOfService.ExactlyOnce, PacketId = 2 },
        new MqttSubscribePacket { PacketId = 3, SubscriptionIdentifier = 5, Subscriptions = [new("a/+", MqttQualityOfService.ExactlyOnce)] },
        new MqttUnsubscribePacket { PacketId = 4, TopicFilters = ["a/+"] },
        new MqttPubRelPacket { PacketId = 2 },
        new MqttPingReqPacket(),
        new MqttDisconnectPacket { ReasonCode = MqttDisconnectReasonCode.DisconnectWithWillMessage, SessionExpiryInterval = 0 },
    ];

    [Fact]
    public async Task RandomAndMutatedPackets_ServerSurvivesAndReleasesEveryConnection()
    {
        await using var host = await FrontDoorHost.StartOpenAsync(o => o.PublishBurst = 100_000);
        var random = new Random(20261122);
        var connectBytes = Encode(MqttProtocolVersion.V500, new MqttConnectPacket { ClientId = "fuzz", Will = new MqttWillMessage { Topic = "w", Payload = "x"u8.ToArray() } });

        for (var round = 0; round < 300; round++)
        {
            var bytes = new List<byte>();
            var mode = round % 3;
            if (mode == 0)
            {
                // Pure noise.
                bytes.AddRange(Noise(random, random.Next(1, 300)));
            }
            else
            {
                // A valid CONNECT (mutated in a third of the rounds), then valid packets with a few bytes flipped.
                var connect = (byte[])connectBytes.Clone();
                connect[^1] = (byte)('a' + (round % 26));
                if (mode == 2)
                {
                    Mutate(random, connect);
                }

                bytes.AddRange(connect);
                for (var i = 0; i < 6; i++)
                {
                    var packet = Encode(MqttProtocolVersion.V500, Seeds[random.Next(Seeds.Length)]);
                    if (random.Next(2) == 0)
                    {
                        Mutate(random, packet);
                    }

                    bytes.AddRange(packet);
                }
            }

            using var socket = new TcpClient { NoDelay = true };
            await socket.ConnectAsync(System.Net.IPAddress.Loopback, host.Port);
            try
            {
                await socket.GetStream().WriteAsync(bytes.ToArray());
            }
            catch (IOException)
            {
                // The server may already have closed on the first bad byte.
            }
        }

        await Eventually.TrueAsync(() => host.Server.ConnectionCount == 0, "every fuzzed connection was released", TimeSpan.FromSeconds(30));
        var (client, connAck) = await RawMqttClient.ConnectAsync(host.Port, "after-fuzz");
        await using var _c = client;
        Assert.Equal(MqttConnectReasonCode.Success, connAck.ReasonCode);
        await client.SendAsync(new MqttPingReqPacket());
        await client.ExpectAsync<MqttPingRespPacket>();
        Assert.Empty(host.Logs.Errors);
    }

    private static byte[] Encode(MqttProtocolVersion version, MqttPacket packet)
    {
        var buffer = new ArrayBufferWriter<byte>();
        new MqttPacketWriter(version).Write(packet, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] Noise(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static void Mutate(Random random, byte[] packet)
    {
        var flips = random.Next(1, 4);
        for (var i = 0; i < flips; i++)
        {
            packet[random.Next(packet.Length)] = (byte)random.Next(256);
        }
    }
}
