using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Visco.Grains.Interfaces.Devices;
using Visco.Grains.Interfaces.Ingress;
using Visco.MqttFrontDoor.Diagnostics;
using Visco.MqttFrontDoor.Routing;
using Visco.MqttFrontDoor.Security;
using Visco.MqttFrontDoor.Sessions;
using Visco.Runtime.Abstractions;

namespace Visco.MqttFrontDoor.Connections;

/// <summary>
/// The server's shared parts, one per process: sessions, router, authentication, provisioning, limits, the live
/// connections by client id. Connections come and go; this stays.
/// </summary>
internal sealed class MqttBroker : IDisposable
{
    private readonly ConcurrentDictionary<string, MqttServerConnection> _live = new(StringComparer.Ordinal);
    private readonly Lazy<Task> _loaded;
    private readonly Lazy<IDeviceMessageHandler?> _handler;
    private int _connections;

    public MqttBroker(
        MqttFrontDoorOptions options,
        TimeProvider time,
        MqttMetrics metrics,
        ILoggerFactory loggerFactory,
        IGrainFactory? grains,
        Func<IDeviceDirectory?> directory,
        Func<IDeviceMessageHandler?> handler)
    {
        Options = options;
        Time = time;
        Metrics = metrics;
        Logger = loggerFactory.CreateLogger("Visco.MqttFrontDoor");
        // Resolved on first use: the domain's handler may itself depend on IDeviceConnections, which depends on us.
        _handler = new Lazy<IDeviceMessageHandler?>(handler);
        var devices = new Lazy<IDeviceDirectory?>(directory);
        Authority = options.DeviceCaDirectory is { } caDirectory ? DeviceCertificateAuthority.Load(caDirectory) : null;
        Router = new MqttRouter(new RetainedMessageStore(grains, time));
        Sessions = new MqttSessionManager(grains, Router, new MqttSessionOwner(options, time, metrics), Logger);
        Authenticator = new MqttAuthenticator(options, devices, Authority, time);
        Provisioning = new ProvisioningService(options, devices, Authority, Router, time, Logger);
        ConnectLimiter = new ConnectRateLimiter(options.ConnectsPerMinutePerClientId, time);
        _loaded = new Lazy<Task>(() => Router.Retained.LoadAsync(CancellationToken.None));
    }

    public MqttFrontDoorOptions Options { get; }

    public TimeProvider Time { get; }

    public MqttMetrics Metrics { get; }

    public ILogger Logger { get; }

    public IDeviceMessageHandler? Handler => _handler.Value;

    public DeviceCertificateAuthority? Authority { get; }

    public MqttRouter Router { get; }

    public MqttSessionManager Sessions { get; }

    public MqttAuthenticator Authenticator { get; }

    public ProvisioningService Provisioning { get; }

    public ConnectRateLimiter ConnectLimiter { get; }

    public int ConnectionCount => Volatile.Read(ref _connections);

    /// <summary>Retained messages loaded from the store; awaited by the first CONNECT.</summary>
    public Task EnsureLoadedAsync() => _loaded.Value;

    public bool TryOpenConnection()
    {
        if (Interlocked.Increment(ref _connections) <= Options.MaxConnections)
        {
            return true;
        }

        Interlocked.Decrement(ref _connections);
        return false;
    }

    public void CloseConnection() => Interlocked.Decrement(ref _connections);

    public void Register(string clientId, MqttServerConnection connection) => _live[clientId] = connection;

    public void Unregister(string clientId, MqttServerConnection connection) =>
        _live.TryRemove(new KeyValuePair<string, MqttServerConnection>(clientId, connection));

    public bool TryGetLive(string clientId, out MqttServerConnection connection) => _live.TryGetValue(clientId, out connection!);

    public void Dispose() => Authority?.Dispose();
}
