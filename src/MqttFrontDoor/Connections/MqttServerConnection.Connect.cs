using System.Buffers;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;
using Visco.Mqtt;
using Visco.Mqtt.Codec;
using Visco.Mqtt.Packets;
using Visco.MqttFrontDoor.Diagnostics;
using Visco.MqttFrontDoor.Security;
using Visco.MqttFrontDoor.Sessions;

namespace Visco.MqttFrontDoor.Connections;

/// <summary>The CONNECT phase: timeout, limits, authentication, session, CONNACK.</summary>
internal sealed partial class MqttServerConnection
{
    private async Task<bool> ConnectAsync()
    {
        var options = _broker.Options;
        if (!_broker.TryOpenConnection())
        {
            _broker.Metrics.Rejected("max_connections");
            _broker.Metrics.Connect("server_busy");
            return await RefuseWhenConnectArrivesAsync().ConfigureAwait(false);
        }

        _opened = true;
        MqttConnectPacket? connect;
        using (_time.CreateTimer(static state => ((MqttServerConnection)state!).OnConnectTimeout(), this, options.ConnectTimeout, Timeout.InfiniteTimeSpan))
        {
            connect = await ReadConnectAsync().ConfigureAwait(false);
            if (connect is null)
            {
                return false;
            }

            _connect = connect;
            _clientId = connect.ClientId.Length == 0 ? "-" : connect.ClientId;
            _reader = new MqttPacketReader(connect.ProtocolVersion, (uint)options.MaxPacketSize);
            _writer = new MqttPacketWriter(connect.ProtocolVersion, connect.MaximumPacketSize ?? MqttLimits.MaxPacketSize);
            _sendQuota = IsV5 ? connect.ReceiveMaximum : Math.Min(options.ReceiveMaximum, ushort.MaxValue);
            await _broker.EnsureLoadedAsync().ConfigureAwait(false);

            var certificate = _context.Features.Get<ITlsConnectionFeature>()?.ClientCertificate;
            var auth = await _broker.Authenticator.AuthenticateAsync(connect, certificate, _closing.Token).ConfigureAwait(false);
            if (auth.Identity is null)
            {
                return Refuse(auth.ReasonCode, auth.Reason);
            }

            if (connect.Will is { } will && !TopicAcl.MayPublish(auth.Identity, will.Topic))
            {
                return Refuse(MqttConnectReasonCode.NotAuthorized, "will topic not allowed for this client");
            }

            if (connect.ClientId.Length > 0 && !_broker.ConnectLimiter.TryAcquire(connect.ClientId))
            {
                return Refuse(MqttConnectReasonCode.ConnectionRateExceeded, "too many connects for this client id");
            }

            _identity = auth.Identity;
            await AcceptAsync(connect).ConfigureAwait(false);
        }

        return true;
    }

    private async Task<MqttConnectPacket?> ReadConnectAsync()
    {
        var input = _context.Transport.Input;
        while (true)
        {
            var result = await input.ReadAsync(_closing.Token).ConfigureAwait(false);
            var buffer = result.Buffer;
            OperationStatus status;
            MqttConnectPacket? connect;
            try
            {
                status = MqttPacketReader.TryReadConnect(ref buffer, (uint)_broker.Options.MaxConnectPacketSize, out connect);
            }
            catch (MqttProtocolViolationException violation)
            {
                input.AdvanceTo(buffer.Start, buffer.End);
                MqttLog.ConnectRefused(_broker.Logger, _clientId, _context.RemoteEndPoint, violation.ConnectReasonCode.ToString(), violation.Message);
                _broker.Metrics.Connect(violation.ConnectReasonCode.ToString());
                _broker.Metrics.Rejected(violation.ConnectReasonCode.ToString());
                if (violation.ConnectReasonCode == MqttConnectReasonCode.UnsupportedProtocolVersion)
                {
                    // The version is unknown, so answer as 3.1.1 does: return code 1 [MQTT-3.1.2-2].
                    _writer = new MqttPacketWriter(MqttProtocolVersion.V311);
                    _outbox.TryEnqueueControl(new MqttConnAckPacket { ReasonCode = MqttConnectReasonCode.UnsupportedProtocolVersion });
                    _writeLoop = WriteLoopAsync();
                }

                Close(null, violation.Message, sendWill: false);
                return null;
            }

            if (status == OperationStatus.Done)
            {
                input.AdvanceTo(buffer.Start);
                return connect;
            }

            input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                Close(null, "closed before CONNECT", sendWill: false);
                return null;
            }
        }
    }

    private async Task<bool> RefuseWhenConnectArrivesAsync()
    {
        using (_time.CreateTimer(static state => ((MqttServerConnection)state!).OnConnectTimeout(), this, _broker.Options.ConnectTimeout, Timeout.InfiniteTimeSpan))
        {
            var connect = await ReadConnectAsync().ConfigureAwait(false);
            if (connect is not null)
            {
                _connect = connect;
                _writer = new MqttPacketWriter(connect.ProtocolVersion);
                return Refuse(MqttConnectReasonCode.ServerBusy, "too many connections");
            }
        }

        return false;
    }

    private void OnConnectTimeout()
    {
        if (_session is null)
        {
            _broker.Metrics.Rejected("connect_timeout");
            Close(null, "no CONNECT within the connect timeout", sendWill: false);
        }
    }

    private bool Refuse(MqttConnectReasonCode reasonCode, string reason)
    {
        MqttLog.ConnectRefused(_broker.Logger, _clientId, _context.RemoteEndPoint, reasonCode.ToString(), reason);
        _broker.Metrics.Connect(reasonCode.ToString());
        _broker.Metrics.Rejected(reasonCode.ToString());
        var connAck = new MqttConnAckPacket { ReasonCode = reasonCode };
        if (IsV5 && _connect!.RequestProblemInformation)
        {
            connAck.ReasonString = reason;
        }

        _outbox.TryEnqueueControl(connAck);
        _writeLoop = WriteLoopAsync();
        Close(null, reason, sendWill: false);
        return false;
    }

    private async Task AcceptAsync(MqttConnectPacket connect)
    {
        var options = _broker.Options;
        string? assigned = null;
        var clientId = connect.ClientId;
        if (clientId.Length == 0)
        {
            // Only open mode gets here (devices must name themselves); 3.1.1 allows it with a clean session only.
            clientId = assigned = "auto-" + Guid.NewGuid().ToString("N");
            _clientId = clientId;
        }

        var maxExpiry = (uint)Math.Min(options.MaxSessionExpiry.TotalSeconds, uint.MaxValue);
        var expiry = IsV5 ? Math.Min(connect.SessionExpiryInterval, maxExpiry) : connect.CleanStart ? 0 : maxExpiry;
        var keepAlive = IsV5 && options.ServerKeepAliveSeconds is { } serverKeepAlive ? (ushort)serverKeepAlive : connect.KeepAliveSeconds;
        var (_, present) = await _broker.Sessions.OpenAsync(clientId, connect.CleanStart, expiry, this, (opened, resumed) => Accept(opened, resumed, assigned, expiry, keepAlive), _closing.Token).ConfigureAwait(false);
        _writeLoop = WriteLoopAsync();
        _publishBucket = new TokenBucket(options.PublishesPerSecond, options.PublishBurst, _time);
        StartKeepAlive(keepAlive);
        _broker.Metrics.Connect("success");
        MqttLog.Connected(_broker.Logger, clientId, _context.RemoteEndPoint, _identity!.Kind.ToString(), (int)connect.ProtocolVersion, present);
        if (_identity.IsDevice && _broker.Handler is { } handler)
        {
            await NotifyAsync(handler, online: true, reason: null).ConfigureAwait(false);
        }
    }

    // Runs under the client id's lock, before the session is attached: CONNACK is the first packet queued.
    private void Accept(MqttSession session, bool present, string? assigned, uint expiry, ushort keepAlive)
    {
        var options = _broker.Options;
        var connect = _connect!;
        _session = session;
        _broker.Register(session.ClientId, this);
        var connAck = new MqttConnAckPacket
        {
            SessionPresent = present,
            ReasonCode = MqttConnectReasonCode.Success,
            AssignedClientIdentifier = IsV5 ? assigned : null,
            ReceiveMaximum = (ushort)options.ReceiveMaximum,
            MaximumPacketSize = (uint)options.MaxPacketSize,
            TopicAliasMaximum = (ushort)options.TopicAliasMaximum,
            SharedSubscriptionAvailable = false,
            WildcardSubscriptionAvailable = true,
            SubscriptionIdentifiersAvailable = true,
            RetainAvailable = true,
            MaximumQoS = MqttQualityOfService.ExactlyOnce,
            SessionExpiryInterval = IsV5 && expiry != connect.SessionExpiryInterval ? expiry : null,
            ServerKeepAlive = IsV5 && options.ServerKeepAliveSeconds is not null ? keepAlive : null,
        };
        _outbox.TryEnqueueControl(connAck);
    }
}
