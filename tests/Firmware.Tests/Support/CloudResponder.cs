using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Visco.Firmware.Messages;
using Visco.Mqtt.Client;
using Visco.Mqtt.Packets;

namespace Visco.Firmware.Tests.Support;

/// <summary>
/// A small stand-in for the cloud built on our MQTT client: receives measurements (counting every sample id),
/// answers each with a result, sends commands and collects replies and state reports.
/// </summary>
public sealed class CloudResponder : IAsyncDisposable
{
    private readonly MqttClient _client;
    private MqttAutoReconnect? _reconnect;
    private readonly ConcurrentDictionary<string, int> _received = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> _replies = new();
    private readonly ConcurrentQueue<string> _states = new();
    private readonly Lock _waitLock = new();
    private readonly List<(Func<bool> Condition, TaskCompletionSource Signal)> _waiters = [];

    private CloudResponder(MqttClient client) => _client = client;

    /// <summary>Distinct sample ids received, and how many times each arrived on the wire.</summary>
    public IReadOnlyDictionary<string, int> Received => _received;

    /// <summary>Every state payload received, in order.</summary>
    public IReadOnlyCollection<string> States => _states;

    /// <summary>Whether the responder is connected.</summary>
    public bool IsConnected => _client.IsConnected;

    /// <summary>Whether the responder answers measurements with results.</summary>
    public bool AnswerResults { get; set; } = true;

    /// <summary>Connects to the broker and subscribes.</summary>
    public static async Task<CloudResponder> StartAsync(int port)
    {
        // A persistent session: across a broker restart the subscriptions survive and measurements queue for us.
        var client = new MqttClient(new MqttClientOptions
        {
            Port = port,
            ClientId = "cloud-" + Guid.NewGuid().ToString("N")[..8],
            CleanStart = false,
            SessionExpiryInterval = 3600,
        });
        var responder = new CloudResponder(client);
        client.MessageReceived = responder.OnMessageAsync;
        await client.ConnectAsync();
        responder._reconnect = new MqttAutoReconnect(client, new MqttReconnectPolicy
        {
            InitialDelay = TimeSpan.FromMilliseconds(100),
            MaximumDelay = TimeSpan.FromMilliseconds(500),
        });
        await client.SubscribeAsync(new MqttSubscribePacket
        {
            Subscriptions =
            [
                new MqttSubscription("devices/+/measurements", MqttQualityOfService.AtLeastOnce),
                new MqttSubscription("devices/+/commands/+/reply", MqttQualityOfService.AtLeastOnce),
                new MqttSubscription("devices/+/state", MqttQualityOfService.AtLeastOnce),
            ],
        });
        return responder;
    }

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds.</summary>
    public Task WaitUntilAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waitLock)
        {
            if (condition())
            {
                return Task.CompletedTask;
            }

            _waiters.Add((condition, signal));
        }

        return signal.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(20));
    }

    /// <summary>Sends a command and returns its reply.</summary>
    public async Task<JsonElement> SendCommandAsync(string deviceId, object command, string commandId)
    {
        var reply = _replies.GetOrAdd(commandId, _ => new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously));
        await PublishCommandAsync(deviceId, JsonSerializer.SerializeToUtf8Bytes(command));
        return await reply.Task.WaitAsync(TimeSpan.FromSeconds(20));
    }

    /// <summary>Publishes raw bytes on a device's command topic.</summary>
    public Task PublishCommandAsync(string deviceId, byte[] payload) =>
        _client.PublishAsync(new MqttApplicationMessage
        {
            Topic = $"devices/{deviceId}/commands",
            Payload = payload,
            QualityOfService = MqttQualityOfService.AtLeastOnce,
        });

    /// <summary>Disconnects.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_reconnect is not null)
        {
            await _reconnect.DisposeAsync();
        }

        await _client.DisposeAsync();
    }

    private async ValueTask OnMessageAsync(MqttReceivedMessage message, CancellationToken cancellationToken)
    {
        var levels = message.Topic.Split('/');
        if (levels[^1] == "measurements")
        {
            var sampleId = MeasurementMessage.ReadSampleId(message.Payload.Span)!;
            _received.AddOrUpdate(sampleId, 1, (_, n) => n + 1);
            if (AnswerResults)
            {
                var result = JsonSerializer.SerializeToUtf8Bytes(new
                {
                    v = 1, type = "result", sampleId, modelVersion = "test-1",
                    viscosity = new { lowShear = 12.5, highShear = 4.2 }, @class = "normal", confidence = 0.97, flags = Array.Empty<string>(),
                    processedAt = DateTimeOffset.UtcNow,
                });
                await _client.PublishAsync(new MqttApplicationMessage
                {
                    Topic = $"devices/{levels[1]}/results",
                    Payload = result,

                    // QoS 0: awaiting a PUBACK inside the handler deadlocks once the incoming queue is full.
                    QualityOfService = MqttQualityOfService.AtMostOnce,
                }, cancellationToken);
            }
        }
        else if (levels[^1] == "reply")
        {
            using var document = JsonDocument.Parse(message.Payload);
            var reply = document.RootElement.Clone();
            _replies.GetOrAdd(levels[3], _ => new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(reply);
        }
        else if (levels[^1] == "state")
        {
            _states.Enqueue(Encoding.UTF8.GetString(message.Payload.Span));
        }

        Notify();
    }

    private void Notify()
    {
        lock (_waitLock)
        {
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Condition())
                {
                    _waiters[i].Signal.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }
    }
}
