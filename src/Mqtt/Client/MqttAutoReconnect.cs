using Visco.Mqtt.Packets;

namespace Visco.Mqtt.Client;

/// <summary>
/// Reconnects an <see cref="MqttClient"/> in the background whenever its connection is lost (never after the application
/// disconnects), with the back-off of <see cref="MqttReconnectPolicy"/>. With a persistent session the client then
/// resends what was unacknowledged, so publications in flight survive the outage.
/// </summary>
public sealed class MqttAutoReconnect : IAsyncDisposable
{
    private readonly MqttClient _client;
    private readonly MqttReconnectPolicy _policy;
    private readonly Random _random;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private Task _current = Task.CompletedTask;
    private bool _disposed;

    /// <summary>Starts watching <paramref name="client"/>; connect it once yourself first.</summary>
    public MqttAutoReconnect(MqttClient client, MqttReconnectPolicy policy, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(policy);
        _client = client;
        _policy = policy;
        _random = random ?? Random.Shared;
        client.Disconnected += OnDisconnected;
    }

    /// <summary>Raised after a lost connection has been re-established, with the new CONNACK.</summary>
    public event EventHandler<MqttConnAckPacket>? Reconnected;

    /// <summary>Raised when reconnecting stops for good: a refusal that retrying cannot fix, or attempts exhausted.</summary>
    public event EventHandler<Exception>? ReconnectFailed;

    /// <summary>Stops reconnecting and waits for an attempt in progress to end. The client itself stays as it is.</summary>
    public async ValueTask DisposeAsync()
    {
        Task current;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            current = _current;
        }

        _client.Disconnected -= OnDisconnected;
        await _stopping.CancelAsync().ConfigureAwait(false);
        await current.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private void OnDisconnected(object? sender, MqttClientDisconnectedEventArgs e)
    {
        if (e.ClientInitiated)
        {
            return;
        }

        lock (_lock)
        {
            if (_disposed || !_current.IsCompleted)
            {
                return;
            }

            _current = RunAsync(_stopping.Token);
        }
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        // Leave the closing connection's call stack before connecting again.
        await Task.Yield();
        try
        {
            var connAck = await _client.ConnectWithRetryAsync(_policy, _random, stopping).ConfigureAwait(false);
            Reconnected?.Invoke(this, connAck);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            ReconnectFailed?.Invoke(this, exception);
        }
    }
}
