using System.Buffers;

using Visco.Mqtt.Codec;
using Visco.Mqtt.Packets;
using Visco.Mqtt.Tests.Support;

namespace Visco.Mqtt.Tests.Codec;

/// <summary>A short deterministic fuzz: random and mutated frames only ever fail with a protocol violation.</summary>
public sealed class MqttFuzzTests
{
    private const int Iterations = 4000;

    [Theory]
    [InlineData(MqttProtocolVersion.V311, 311)]
    [InlineData(MqttProtocolVersion.V500, 500)]
    public void TryRead_MutatedAndRandomFrames_OnlyProtocolViolations(MqttProtocolVersion version, int seed)
    {
        var random = new Random(seed);
        var valid = PacketSamples.All(version).Select(s => Wire.Encode(s.Packet, version)).ToArray();
        var outcomes = new Dictionary<string, int>();

        for (var i = 0; i < Iterations; i++)
        {
            var frame = Mutate(valid[random.Next(valid.Length)], random);
            var outcome = ReadAll(frame, version, random);
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        // The fuzz must exercise both sides: frames that still parse and frames that are rejected.
        Assert.True(outcomes.GetValueOrDefault("done") > 0, string.Join(", ", outcomes));
        Assert.True(outcomes.GetValueOrDefault("violation") > 0, string.Join(", ", outcomes));
    }

    private static string ReadAll(byte[] frame, MqttProtocolVersion version, Random random)
    {
        var buffer = random.Next(2) == 0 || frame.Length < 2
            ? new ReadOnlySequence<byte>(frame)
            : Segments.Split(frame, random.Next(1, frame.Length));
        try
        {
            var status = OperationStatus.Done;
            var reads = 0;
            while (status == OperationStatus.Done && buffer.Length > 0 && reads++ < 8)
            {
                if (buffer.FirstSpan.Length > 0 && buffer.FirstSpan[0] >> 4 == 1)
                {
                    status = MqttPacketReader.TryReadConnect(ref buffer, 1 << 20, out _);
                }
                else
                {
                    status = new MqttPacketReader(version, 1 << 20).TryRead(ref buffer, out _);
                }
            }

            return status == OperationStatus.Done ? "done" : "need-more";
        }
        catch (MqttProtocolViolationException)
        {
            return "violation";
        }
    }

    private static byte[] Mutate(byte[] frame, Random random)
    {
        var bytes = frame.ToList();
        switch (random.Next(6))
        {
            case 0:
                for (var n = random.Next(1, 4); n > 0; n--)
                {
                    bytes[random.Next(bytes.Count)] ^= (byte)(1 << random.Next(8));
                }

                break;
            case 1:
                bytes[random.Next(bytes.Count)] = (byte)random.Next(256);
                break;
            case 2:
                bytes.RemoveRange(random.Next(bytes.Count), 1);
                break;
            case 3:
                bytes.Insert(random.Next(bytes.Count + 1), (byte)random.Next(256));
                break;
            case 4:
                var garbage = new byte[random.Next(1, 40)];
                random.NextBytes(garbage);
                return garbage;
            default:
                // Keep the header, scramble the body: the lengths then disagree with the content.
                for (var i = 2; i < bytes.Count; i++)
                {
                    if (random.Next(4) == 0)
                    {
                        bytes[i] = (byte)random.Next(256);
                    }
                }

                break;
        }

        return [.. bytes];
    }
}
