using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Visco.Grains.Interfaces.Devices;
using Visco.MqttFrontDoor.Sessions;
using Visco.Runtime.Abstractions;
using Visco.Silo.Cli;
using Visco.TestKit;

namespace Visco.Silo.Tests;

/// <summary>
/// <c>revoke-device</c> and <c>reprovision-device</c> on a real data directory (SQLite in a temp folder), checked
/// through the store the silo would load: the registry, the front door's stored MQTT sessions and retained messages.
/// </summary>
[Collection(ConsoleCaptureCollection.Name)]
public sealed class DeviceVerbTests : IDisposable
{
    private const string Hospital = "h9";
    private const string Device = "h9-analyser-001";
    private readonly string _data = Directory.CreateTempSubdirectory("visco-cli-device-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TemporaryDirectory.Delete(_data);
    }

    [Fact]
    public async Task RevokeDevice_DeviceWithSecretAndStoredSession_RevokedSecretRefusedSessionEnded()
    {
        Assert.Equal(0, await SiloCommandLine.RunAsync(["register-devices", "--data", _data, "--hospital", Hospital]));
        var secret = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_data, "credentials", $"{Device}.json")))
            .RootElement.GetProperty("secret").GetString()!;
        await InStoreAsync((_, grains) => grains.GetGrain<IMqttSessionGrain>(Device).Begin(3600));

        var (exit, output, _) = await RunCapturedAsync("revoke-device", "--data", _data, "--device", Device, "--reason", "stolen");

        Assert.Equal(0, exit);
        Assert.Contains($"Device {Device} of hospital {Hospital} revoked", output, StringComparison.Ordinal);
        await InStoreAsync(async (services, grains) =>
        {
            var directory = services.GetRequiredService<IDeviceDirectory>();
            Assert.Equal(DeviceStatus.Revoked, (await directory.FindAsync(Device))!.Status);
            Assert.False(await directory.VerifySecretAsync(Device, secret));
            Assert.False((await grains.GetGrain<IMqttSessionGrain>(Device).Load()).Exists);
        });
        (exit, output, _) = await RunCapturedAsync("revoke-device", "--data", _data, "--device", Device, "--reason", "stolen");
        Assert.Equal(0, exit);
        Assert.Contains("already revoked", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReprovisionDevice_DeviceWithCertificate_ProvisioningThumbprintsRetiredSessionAndRetainedCertificateGone()
    {
        Assert.Equal(0, await SiloCommandLine.RunAsync(["register-devices", "--data", _data, "--hospital", Hospital, "--provisioning"]));
        await InStoreAsync(async (services, grains) =>
        {
            await services.GetRequiredService<IDeviceDirectory>().RecordCertificateAsync(Device, "AB12", DateTimeOffset.UtcNow.AddYears(1));
            await grains.GetGrain<IMqttSessionGrain>(Device).Begin(3600);
            await grains.GetGrain<IRetainedMessagesGrain>("retained")
                .Set(new BrokerMessage($"provisioning/{Device}/certificate", "PEM"u8.ToArray(), 1, Retain: true));
        });

        var (exit, output, _) = await RunCapturedAsync("reprovision-device", "--data", _data, "--device", Device, "--reason", "board replaced");

        Assert.Equal(0, exit);
        Assert.Contains("1 certificate(s) retired", output, StringComparison.Ordinal);
        await InStoreAsync(async (services, grains) =>
        {
            var record = await services.GetRequiredService<IDeviceDirectory>().FindAsync(Device);
            Assert.Equal(DeviceStatus.Provisioning, record!.Status);
            Assert.DoesNotContain("ab12", record.CertificateThumbprints, StringComparer.OrdinalIgnoreCase);
            Assert.Empty(record.CertificateThumbprints);
            Assert.False((await grains.GetGrain<IMqttSessionGrain>(Device).Load()).Exists);
            Assert.DoesNotContain(await grains.GetGrain<IRetainedMessagesGrain>("retained").GetAll(), m => m.Topic == $"provisioning/{Device}/certificate");
        });
    }

    [Theory]
    [InlineData("revoke-device")]
    [InlineData("reprovision-device")]
    public async Task DeviceVerb_UnknownDevice_Exit2WithOneClearLine(string verb)
    {
        Assert.Equal(0, await SiloCommandLine.RunAsync(["register-devices", "--data", _data, "--hospital", Hospital]));

        var (exit, output, error) = await RunCapturedAsync(verb, "--data", _data, "--device", "ghost-1", "--reason", "why not");

        Assert.Equal(DeviceVerb.UnknownDevice, exit);
        Assert.Equal($"Device 'ghost-1' is not registered in the store of {_data}.", error.Trim());
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("ghost-1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReprovisionDevice_RevokedDevice_Exit3SaysRevokedIsFinal()
    {
        Assert.Equal(0, await SiloCommandLine.RunAsync(["register-devices", "--data", _data, "--hospital", Hospital]));
        Assert.Equal(0, await SiloCommandLine.RunAsync(["revoke-device", "--data", _data, "--device", Device, "--reason", "stolen"]));

        var (exit, _, error) = await RunCapturedAsync("reprovision-device", "--data", _data, "--device", Device, "--reason", "found again");

        Assert.Equal(DeviceVerb.Refused, exit);
        Assert.Contains("revoked, which is final", error, StringComparison.Ordinal);
        await InStoreAsync(async (services, _) =>
            Assert.Equal(DeviceStatus.Revoked, (await services.GetRequiredService<IDeviceDirectory>().FindAsync(Device))!.Status));
    }

    [Theory]
    [InlineData("revoke-device")]
    [InlineData("reprovision-device")]
    public async Task DeviceVerb_BlankReason_Exit1AndNothingChanged(string verb)
    {
        Assert.Equal(0, await SiloCommandLine.RunAsync(["register-devices", "--data", _data, "--hospital", Hospital]));

        var (exit, _, error) = await RunCapturedAsync(verb, "--data", _data, "--device", Device, "--reason", "  ");

        Assert.Equal(DeviceVerb.InvalidArgument, exit);
        Assert.Contains("--reason", error, StringComparison.Ordinal);
        await InStoreAsync(async (services, _) =>
            Assert.Equal(DeviceStatus.Active, (await services.GetRequiredService<IDeviceDirectory>().FindAsync(Device))!.Status));
    }

    private Task InStoreAsync(Func<IServiceProvider, IGrainFactory, Task> check) => OfflineSilo.RunAsync(_data, check, CancellationToken.None);

    private static async Task<(int Exit, string Output, string Error)> RunCapturedAsync(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var (originalOut, originalError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var exit = await SiloCommandLine.RunAsync(args);
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }
    }
}
