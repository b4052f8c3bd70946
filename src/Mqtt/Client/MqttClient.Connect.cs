using Visco.Mqtt.Codec;
using Visco.Mqtt.Packets;

namespace Visco.Mqtt.Client;

public sealed partial class MqttClient
{
    /// <summary>
    /// Opens the transport, sends CONNECT and waits for CONNACK (bounded by <see cref="MqttClientOptions.ConnectTimeout"/>).
    /// When the server resumes the session, unacknowledged publications are resent before anything else.
    /// </summary>
    /// <returns>The CONNACK (success).</returns>
    /// <exception cref="MqttConnectionRefusedException">The server refused the connection.</exception>
    /// <exception cref="TimeoutException">No CONNACK arrived in time.</exception>
    /// <exception cref="InvalidOperationException">The client is already connected.</exception>
    public async Task<MqttConnAckPacket> ConnectAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _connectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (IsConnected)
            {
                throw new InvalidOperationException("the client is already connected; call DisconnectAsync first");
            }

            using var timeout = new CancellationTokenSource(_options.ConnectTimeout, _options.TimeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            MqttClientConnection? connection = null;
            try
            {
                connection = await MqttClientConnection.OpenAsync(_options, linked.Token).ConfigureAwait(false);
                var connAck = await connection.HandshakeAsync(_options.ToConnectPacket(), linked.Token).ConfigureAwait(false);
                if (connAck.ReasonCode != MqttConnectReasonCode.Success)
                {
                    throw new MqttConnectionRefusedException(connAck);
                }

                ConnAck = connAck;
                Interlocked.Exchange(ref _incomingQoS1, 0);
                var resend = ResumeSession(connAck, connection);
                await connection.WriteDirectAsync(resend, linked.Token).ConfigureAwait(false);
                _connection = connection;
                var keepAlive = TimeSpan.FromSeconds(connAck.ServerKeepAlive ?? (ushort)_options.KeepAlive.TotalSeconds);
                connection.Start(_handlers, keepAlive);
                return connAck;
            }
            catch (Exception exception)
            {
                if (connection is not null)
                {
                    await connection.CloseAsync(exception, null, clientInitiated: true).ConfigureAwait(false);
                }

                if (exception is OperationCanceledException && timeout.IsCancellationRequested
                    && !cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"no CONNACK from {_options.Host}:{_options.Port} within {_options.ConnectTimeout}", exception);
                }

                throw;
            }
        }
        finally
        {
            _connectLock.Release();
        }
    }

    /// <summary>Ends the connection with a DISCONNECT carrying <paramref name="reasonCode"/> (MQTT 5; 3.1.1 sends none).</summary>
    public Task DisconnectAsync(
        MqttDisconnectReasonCode reasonCode = MqttDisconnectReasonCode.NormalDisconnection,
        CancellationToken cancellationToken = default) =>
        DisconnectAsync(new MqttDisconnectPacket { ReasonCode = reasonCode }, cancellationToken);

    /// <summary>Ends the connection with the given DISCONNECT (for example with a new session expiry interval).</summary>
    public async Task DisconnectAsync(MqttDisconnectPacket disconnect, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(disconnect);
        if (_connection is not { } connection)
        {
            return;
        }

        await connection.CloseAsync(null, disconnect, clientInitiated: true).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Applies the server's limits and returns what must be resent for a resumed session [MQTT-4.4.0-1].</summary>
    private List<MqttPacket> ResumeSession(MqttConnAckPacket connAck, MqttClientConnection connection)
    {
        var v5 = _options.ProtocolVersion == MqttProtocolVersion.V500;
        _inflight.SetLimit(v5 ? connAck.ReceiveMaximum : ushort.MaxValue);
        connection.Writer.MaximumPacketSize = connAck.MaximumPacketSize ?? MqttLimits.MaxPacketSize;
        if (!connAck.SessionPresent)
        {
            DiscardSession(new MqttConnectionClosedException(
                "the server did not resume the session; the unacknowledged message was discarded"));
            return [];
        }

        lock (_sync)
        {
            var resend = new List<MqttPacket>(_outgoing.Count);
            foreach (var entry in _outgoing.Values.OrderBy(e => e.Sequence))
            {
                if (entry.Released)
                {
                    resend.Add(new MqttPubRelPacket { PacketId = entry.Packet.PacketId });
                }
                else
                {
                    entry.Packet.Dup = true;
                    resend.Add(entry.Packet);
                }
            }

            return resend;
        }
    }

    private void OnConnectionClosed(MqttClientConnection connection, Exception? error)
    {
        TaskCompletionSource<MqttPacket>[] requests;
        lock (_sync)
        {
            if (_connection == connection)
            {
                _connection = null;
            }

            requests = [.. _requests.Values];
            _requests.Clear();
        }

        var closed = new MqttConnectionClosedException("the connection closed before the server answered", error);
        foreach (var request in requests)
        {
            request.TrySetException(closed);
        }

        if (!SessionMayResume)
        {
            DiscardSession(closed);
        }

        Disconnected?.Invoke(this, new MqttClientDisconnectedEventArgs(connection.ClientInitiatedClose, error));
    }
}
