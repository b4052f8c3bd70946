using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Visco.Model;
using Visco.Model.Simulation;
using Visco.Mqtt.Client;
using Visco.Mqtt.Packets;

namespace Visco.EndToEnd.Tests;

/// <summary>An analyser in a test: our MQTT client connected as a registered device, collecting its results.</summary>
public sealed class Analyser : IAsyncDisposable
{
    private static readonly BloodSimulator Simulator = new(777, new SimulatorOptions { AirBubbleRate = 0, ClotRate = 0, UnderFilledRate = 0 });
    private static readonly Lock SimulatorLock = new();
    private readonly Channel<JsonElement> _results = Channel.CreateUnbounded<JsonElement>();

    private Analyser(MqttClient client) => Client = client;

    /// <summary>The MQTT client.</summary>
    public MqttClient Client { get; }

    /// <summary>Connects as the device (id + secret) and subscribes to its results.</summary>
    public static async Task<Analyser> ConnectAsync(int port, string deviceId, string secret, MqttProtocolVersion version = MqttProtocolVersion.V500)
    {
        var client = new MqttClient(new MqttClientOptions
        {
            Port = port,
            ClientId = deviceId,
            UserName = deviceId,
            Password = Encoding.UTF8.GetBytes(secret),
            ProtocolVersion = version,
        });
        var analyser = new Analyser(client);
        client.MessageReceived = (message, _) =>
        {
            analyser._results.Writer.TryWrite(JsonDocument.Parse(message.Payload).RootElement.Clone());
            return ValueTask.CompletedTask;
        };
        await client.ConnectAsync();
        await client.SubscribeAsync($"devices/{deviceId}/results", MqttQualityOfService.AtLeastOnce);
        return analyser;
    }

    /// <summary>A measurement payload from the simulator under a sample id.</summary>
    public static byte[] Measurement(string sampleId, Func<Sweep, Sweep>? change = null)
    {
        Sweep sweep;
        lock (SimulatorLock)
        {
            sweep = Simulator.Next().Sweep with { SampleId = sampleId };
        }

        sweep = change?.Invoke(sweep) ?? sweep;
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("v", 1);
            json.WriteString("sampleId", sweep.SampleId);
            json.WriteString("takenAt", sweep.TakenAt);
            json.WriteNumber("temperatureC", sweep.TemperatureC);
            json.WritePropertyName("shearRate");
            JsonSerializer.Serialize(json, sweep.ShearRate);
            json.WritePropertyName("shearStress");
            JsonSerializer.Serialize(json, sweep.ShearStress);
            if (sweep.Hematocrit is { } hematocrit)
            {
                json.WriteNumber("hematocrit", hematocrit);
            }

            json.WriteString("firmware", "2.4.1");
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Publishes a measurement at QoS 1 and returns the PUBACK.</summary>
    public Task<MqttPublishResult> PublishAsync(byte[] payload) =>
        Client.PublishAsync(new MqttApplicationMessage
        {
            Topic = $"devices/{Client.ClientId}/measurements",
            Payload = payload,
            QualityOfService = MqttQualityOfService.AtLeastOnce,
        });

    /// <summary>The next result message (bounded wait).</summary>
    public async Task<JsonElement> NextResultAsync() =>
        await _results.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15));

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await Client.DisposeAsync();
}
