using Microsoft.AspNetCore.Connections;
using Visco.Grains.Interfaces.Ingress;
using Visco.Mqtt.Packets;
using Visco.MqttFrontDoor.Diagnostics;
using Visco.MqttFrontDoor.Sessions;

namespace Visco.MqttFrontDoor.Connections;

/// <summary>Keep-alive and the end of a connection: will, session detach, domain notification, metrics.</summary>
internal sealed partial class MqttServerConnection
{
    private static readonly TimeSpan WriterGrace = TimeSpan.FromSeconds(2);
    private ITimer? _keepAliveTimer;
    private TimeSpan _keepAliveLimit;
    private bool _opened;

    private void StartKeepAlive(ushort seconds)
    {
        if (seconds == 0)
        {
            return;
        }

        // A client may be silent for up to one and a half keep-alive periods [MQTT-3.1.2-24].
        _keepAliveLimit = TimeSpan.FromSeconds(seconds * 1.5);
        _keepAliveTimer = _time.CreateTimer(static state => ((MqttServerConnection)state!).OnKeepAlive(), this, _keepAliveLimit, Timeout.InfiniteTimeSpan);
    }

    private void OnKeepAlive()
    {
        if (IsClosing)
        {
            return;
        }

        var idle = _time.GetElapsedTime(Volatile.Read(ref _lastReceived));
        if (idle >= _keepAliveLimit)
        {
            _broker.Metrics.Rejected("keep_alive_timeout");
            Close(MqttDisconnectReasonCode.KeepAliveTimeout, "keep-alive expired", sendWill: true);
            return;
        }

        _keepAliveTimer?.Change(_keepAliveLimit - idle, Timeout.InfiniteTimeSpan);
    }

    private async Task FinishAsync()
    {
        Close(null, _closeReason, _sendWill);
        _keepAliveTimer?.Dispose();
        await DrainPublishesAsync().ConfigureAwait(false);
        try
        {
            await _writeLoop.WaitAsync(WriterGrace).ConfigureAwait(false);

            // A graceful close (FIN after the farewell) so the client reads the DISCONNECT before the end.
            await _context.Transport.Output.CompleteAsync().ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The client does not read: the farewell cannot be delivered, so the socket is cut.
            _context.Abort(new ConnectionAbortedException(_closeReason));
        }
        if (_session is { } session)
        {
            _broker.Unregister(session.ClientId, this);
            await EndSessionAsync(session).ConfigureAwait(false);
            _broker.Metrics.Disconnect(_takenOver ? "session_taken_over" : _closeReason);
            MqttLog.Disconnected(_broker.Logger, session.ClientId, _context.RemoteEndPoint, _closeReason);
        }

        if (_opened)
        {
            _broker.CloseConnection();
        }

        _broker.Metrics.ConnectionOpened(_listener, -1);
    }

    private async Task EndSessionAsync(MqttSession session)
    {
        var will = _sendWill && _connect!.Will is { } w ? BrokerMessage.FromWill(w, session.ClientId, _time.GetUtcNow()) : null;
        var routedWill = _identity!.IsDevice ? null : will;
        try
        {
            await _broker.Sessions.CloseAsync(session, this, routedWill, _connect!.Will?.DelayInterval ?? 0).ConfigureAwait(false);
            if (_identity.IsDevice && _broker.Handler is { } handler && !_takenOver)
            {
                // A device's will (its state topic, by the ACL) is a state message for the domain.
                if (will is not null && Security.TopicAcl.ClassifyDeviceTopic(session.ClientId, will.Topic) is { } topic)
                {
                    await handler.HandleAsync(
                        new DeviceMessage(session.ClientId, _identity.HospitalId!, topic.Kind, topic.CommandId, will.Payload, _time.GetUtcNow(), (int)_connect.ProtocolVersion)).ConfigureAwait(false);
                }

                await NotifyAsync(handler, online: false, _closeReason).ConfigureAwait(false);
            }
        }
        catch (Exception exception)
        {
            MqttLog.HandlerFailed(_broker.Logger, exception, session.ClientId);
        }
    }

    private async Task NotifyAsync(IDeviceMessageHandler handler, bool online, string? reason)
    {
        try
        {
            await handler.ConnectionChangedAsync(_identity!.ClientId, _identity.HospitalId!, online, reason).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            MqttLog.HandlerFailed(_broker.Logger, exception, _identity!.ClientId);
        }
    }
}
