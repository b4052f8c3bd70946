extern alias firmware;

using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using firmware::Visco.Firmware.Messages;
using Visco.Mqtt.Client;
using Visco.Mqtt.Packets;

namespace Visco.EndToEnd.Tests;

/// <summary>
/// An analyser's command side in a test: our MQTT client connected as a registered device (clean session, like the
/// firmware's default), subscribed to its commands, then publishing its state (what the firmware does after
/// connecting). Replies and state reports are written by the firmware's own serializer, so the shapes are the real ones.
/// </summary>
public sealed class CommandDevice : IAsyncDisposable
{
    private readonly Channel<JsonElement> _commands = Channel.CreateUnbounded<JsonElement>();
    private readonly TaskCompletionSource<MqttClientDisconnectedEventArgs> _disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private CommandDevice(MqttClient client) => Client = client;

    /// <summary>The MQTT client.</summary>
    public MqttClient Client { get; }

    /// <summary>Completes when the server closes the connection.</summary>
    public Task<MqttClientDisconnectedEventArgs> Disconnected => _disconnected.Task;

    /// <summary>Connects, subscribes to <c>devices/{id}/commands</c> and reports state with the given configuration version.</summary>
    public static async Task<CommandDevice> ConnectAsync(int port, string deviceId, string secret, long? configurationVersion = null)
    {
        var client = new MqttClient(new MqttClientOptions
        {
            Port = port,
            ClientId = deviceId,
            UserName = deviceId,
            Password = Encoding.UTF8.GetBytes(secret),
            ProtocolVersion = MqttProtocolVersion.V500,
        });
        var device = new CommandDevice(client);
        client.MessageReceived = (message, _) =>
        {
            if (message.Topic == $"devices/{deviceId}/commands")
            {
                device._commands.Writer.TryWrite(JsonDocument.Parse(message.Payload).RootElement.Clone());
            }

            return ValueTask.CompletedTask;
        };
        client.Disconnected += (_, args) => device._disconnected.TrySetResult(args);
        await client.ConnectAsync();
        await client.SubscribeAsync($"devices/{deviceId}/commands", MqttQualityOfService.AtLeastOnce);
        await device.ReportStateAsync(configurationVersion);
        return device;
    }

    /// <summary>The next command received (bounded wait).</summary>
    public async Task<JsonElement> NextCommandAsync() =>
        await _commands.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15));

    /// <summary>Replies to a command on <c>devices/{id}/commands/{commandId}/reply</c> at QoS 1.</summary>
    public Task<MqttPublishResult> ReplyAsync(string commandId, CommandStatus status, string? reason = null) =>
        Client.PublishAsync(new MqttApplicationMessage
        {
            Topic = $"devices/{Client.ClientId}/commands/{commandId}/reply",
            Payload = DeviceMessages.Reply(commandId, status, reason),
            QualityOfService = MqttQualityOfService.AtLeastOnce,
        });

    /// <summary>Publishes a state report on <c>devices/{id}/state</c> at QoS 1.</summary>
    public Task<MqttPublishResult> ReportStateAsync(long? configurationVersion) =>
        Client.PublishAsync(new MqttApplicationMessage
        {
            Topic = $"devices/{Client.ClientId}/state",
            Payload = DeviceMessages.State("online", "2.4.1", configurationVersion, 0, DateTimeOffset.UtcNow),
            QualityOfService = MqttQualityOfService.AtLeastOnce,
        });

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await Client.DisposeAsync();
}
