using Visco.Mqtt.Packets;

namespace Visco.Mqtt.Client;

/// <summary>
/// An asynchronous MQTT 3.1.1 / 5.0 client over TCP or TLS. The session state (packet identifiers, unacknowledged
/// QoS 1/2 publications, received QoS 2 identifiers) lives in the client and outlasts connections: after a reconnect
/// that resumes the session, unacknowledged PUBLISH packets are resent with DUP and PUBRELs are resent, in order.
/// </summary>
/// <remarks>
/// Thread-safe: any number of callers may publish concurrently. Received messages go to <see cref="MessageReceived"/>
/// one at a time, in order; the PUBACK/PUBREC is sent after the handler returns.
/// </remarks>
public sealed partial class MqttClient : IAsyncDisposable
{
    private readonly MqttClientOptions _options;
    private readonly Lock _sync = new();
    private readonly Dictionary<ushort, MqttOutgoingPublish> _outgoing = [];
    private readonly Dictionary<ushort, TaskCompletionSource<MqttPacket>> _requests = [];
    private readonly HashSet<ushort> _incomingQoS2 = [];
    private readonly MqttInflightGate _inflight = new();
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private readonly MqttClientConnectionHandlers _handlers;
    private MqttClientConnection? _connection;
    private ushort _lastPacketId;
    private int _incomingQoS1;
    private long _sequence;
    private bool _disposed;

    /// <summary>Creates a client; nothing connects until <see cref="ConnectAsync"/>.</summary>
    /// <exception cref="ArgumentException">The options are invalid (the message says how to fix them).</exception>
    public MqttClient(MqttClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _handlers = new MqttClientConnectionHandlers(OnPacketAsync, DeliverAsync, OnConnectionClosed);
    }

    /// <summary>Raised when a connection ends, whether the client or the network ended it.</summary>
    public event EventHandler<MqttClientDisconnectedEventArgs>? Disconnected;

    /// <summary>The options the client was created with.</summary>
    public MqttClientOptions Options => _options;

    /// <summary>
    /// Called for every received message, one at a time. Its acknowledgement (QoS 1/2) is sent when it returns;
    /// set <see cref="MqttReceivedMessage.AcknowledgeReasonCode"/> to refuse a message (MQTT 5).
    /// </summary>
    public Func<MqttReceivedMessage, CancellationToken, ValueTask>? MessageReceived { get; set; }

    /// <summary>Whether a connection is up.</summary>
    public bool IsConnected => _connection is { IsOpen: true };

    /// <summary>The CONNACK of the latest successful connect.</summary>
    public MqttConnAckPacket? ConnAck { get; private set; }

    /// <summary>The client identifier in use: the server-assigned one when the server assigned one.</summary>
    public string ClientId => ConnAck?.AssignedClientIdentifier ?? _options.ClientId;

    /// <summary>QoS 1/2 publications sent and not yet completely acknowledged.</summary>
    public int InflightCount => _inflight.Count;

    /// <summary>Disconnects normally if connected and fails every operation still waiting.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        lock (_sync)
        {
            _disposed = true;
        }

        try
        {
            await DisconnectAsync().ConfigureAwait(false);
        }
        catch (MqttConnectionClosedException)
        {
        }

        DiscardSession(new ObjectDisposedException(nameof(MqttClient)));
        _connectLock.Dispose();
    }

    private bool SessionMayResume => _options.ProtocolVersion == MqttProtocolVersion.V311
        ? !_options.CleanStart
        : (ConnAck?.SessionExpiryInterval ?? _options.SessionExpiryInterval) > 0;

    private MqttClientConnection RequireConnection()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _connection is { IsOpen: true } connection
            ? connection
            : throw new MqttConnectionClosedException("the client is not connected; call ConnectAsync first");
    }

    private ushort AllocatePacketId()
    {
        for (var i = 0; i < ushort.MaxValue; i++)
        {
            _lastPacketId = _lastPacketId == ushort.MaxValue ? (ushort)1 : (ushort)(_lastPacketId + 1);
            if (!_outgoing.ContainsKey(_lastPacketId) && !_requests.ContainsKey(_lastPacketId))
            {
                return _lastPacketId;
            }
        }

        throw new InvalidOperationException("all 65,535 packet identifiers are in use");
    }

    /// <summary>Fails and forgets the unacknowledged publications: the server no longer holds the session.</summary>
    private void DiscardSession(Exception reason)
    {
        MqttOutgoingPublish[] dropped;
        lock (_sync)
        {
            dropped = [.. _outgoing.Values];
            _outgoing.Clear();
            _incomingQoS2.Clear();
        }

        _inflight.Reset();
        foreach (var entry in dropped)
        {
            entry.Completion.TrySetException(reason);
        }
    }
}
