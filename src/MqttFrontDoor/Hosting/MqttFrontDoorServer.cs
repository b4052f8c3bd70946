using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Visco.Grains.Interfaces.Ingress;
using Visco.MqttFrontDoor.Connections;
using Visco.MqttFrontDoor.Diagnostics;

namespace Visco.MqttFrontDoor.Hosting;

/// <summary>
/// The running front door as the host sees it: the ports it bound (port 0 resolved after start), live counts,
/// metrics, and the <see cref="IDeviceConnections"/> the domain uses.
/// </summary>
public sealed class MqttFrontDoorServer
{
    private ListenOptions? _tcp;
    private ListenOptions? _tls;

    internal MqttFrontDoorServer(MqttBroker broker)
    {
        Broker = broker;
        DeviceConnections = new DeviceConnections(broker);
    }

    /// <summary>The TCP port bound, or -1 when the listener is disabled or not started.</summary>
    public int TcpPort => Port(_tcp);

    /// <summary>The TLS port bound, or -1 when the listener is disabled or not started.</summary>
    public int TlsPort => Port(_tls);

    /// <summary>Connections open now (including those not yet past CONNECT).</summary>
    public int ConnectionCount => Broker.ConnectionCount;

    /// <summary>Sessions held (connected or waiting for their client).</summary>
    public int SessionCount => Broker.Sessions.Count;

    /// <summary>The front door's instruments.</summary>
    public MqttMetrics Metrics => Broker.Metrics;

    /// <summary>Publishing to devices and cutting them off.</summary>
    public IDeviceConnections DeviceConnections { get; }

    internal MqttBroker Broker { get; }

    internal void SetListener(bool tls, ListenOptions listen)
    {
        if (tls)
        {
            _tls = listen;
        }
        else
        {
            _tcp = listen;
        }
    }

    private static int Port(ListenOptions? listen) => listen?.EndPoint is IPEndPoint { Port: > 0 } endPoint ? endPoint.Port : -1;
}
