using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Visco.Grains.Fleet;
using Visco.Grains.Interfaces.Fleet;
using Visco.MqttFrontDoor.Hosting;
using Visco.Runtime.Hosting;
using Visco.TestKit;

namespace Visco.EndToEnd.Tests;

/// <summary>
/// The real silo (Program.cs, every part wired) in-process on real loopback sockets: HTTP and MQTT on free ports, SQLite
/// in a data directory that outlives restarts.
/// </summary>
public sealed class RunningSilo : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    private RunningSilo(WebApplicationFactory<Program> factory, int httpPort, int mqttPort, int tlsPort)
    {
        _factory = factory;
        HttpPort = httpPort;
        MqttPort = mqttPort;
        TlsPort = tlsPort;
    }

    /// <summary>The HTTP port.</summary>
    public int HttpPort { get; }

    /// <summary>The MQTT (TCP) port.</summary>
    public int MqttPort { get; }

    /// <summary>The MQTT over TLS port.</summary>
    public int TlsPort { get; }

    /// <summary>The silo's services.</summary>
    public IServiceProvider Services => _factory.Services;

    /// <summary>
    /// Starts the silo on the data directory and waits until it is ready (model bootstrapped). HTTP, MQTT and MQTT/TLS
    /// bind port 0 (the OS picks a free one at bind time; a port picked in advance could be taken by another test's
    /// outgoing connection while the silo bootstraps its model) unless <paramref name="settings"/> name a port.
    /// </summary>
    public static async Task<RunningSilo> StartAsync(string dataDirectory, IDictionary<string, string?>? settings = null)
    {
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Urls", "http://127.0.0.1:0");
            builder.UseSetting("Visco:DataDirectory", dataDirectory);
            builder.UseSetting("Visco:Grains:BootstrapSweepCount", "3000");
            builder.UseSetting("Visco:Mqtt:ListenAddress", "127.0.0.1");
            builder.UseSetting("Visco:Mqtt:TcpPort", "0");
            builder.UseSetting("Visco:Mqtt:TlsPort", "0");
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                builder.UseSetting(key, value);
            }
        });
        factory.UseKestrel();
        factory.StartServer();
        // Kestrel lists every bound address, the MQTT listeners' too; HTTP is the one that is neither.
        var mqtt = factory.Services.GetRequiredService<MqttFrontDoorServer>();
        var http = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(address => new Uri(address).Port).Single(port => port != mqtt.TcpPort && port != mqtt.TlsPort);
        var silo = new RunningSilo(factory, http, mqtt.TcpPort, mqtt.TlsPort);
        await silo.WaitUntilReadyAsync();
        return silo;
    }

    /// <summary>Registers a hospital (if new) and a device with a secret.</summary>
    public async Task<DeviceCredentials> RegisterDeviceAsync(string hospitalId, string deviceId)
    {
        var registrar = Services.GetRequiredService<DeviceRegistrar>();
        var grains = Services.GetRequiredService<Visco.Runtime.Abstractions.IGrainFactory>();
        if (await grains.GetGrain<Visco.Grains.Interfaces.Hospitals.IHospitalGrain>(hospitalId).GetInfo() is null)
        {
            await registrar.CreateHospitalAsync(hospitalId, hospitalId);
        }

        return await registrar.RegisterDeviceAsync(hospitalId, deviceId);
    }

    /// <summary>Kills the silo as a crash would (no graceful deactivation), then releases the host.</summary>
    public async Task KillAsync()
    {
        Services.GetRequiredService<SiloHost>().Kill();
        await _factory.DisposeAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{HttpPort}") };
        if (await Loopback.WaitUntilReadyAsync(client, TimeSpan.FromSeconds(60)) != HttpStatusCode.OK)
        {
            throw new TimeoutException("The silo did not become ready in 60 s.");
        }
    }
}
