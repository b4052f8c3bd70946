using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Visco.Grains.Interfaces.Devices;
using Visco.Silo.Cli;
using Visco.TestKit;

namespace Visco.Silo.Tests;

/// <summary>The silo's administrative verbs.</summary>
[Collection(ConsoleCaptureCollection.Name)]
public sealed class SiloCommandLineTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("visco-cli-").FullName;

    public void Dispose() => TemporaryDirectory.Delete(_data);

    [Theory]
    [InlineData("create-device-ca", true)]
    [InlineData("revoke-device", true)]
    [InlineData("reprovision-device", true)]
    [InlineData("--help", true)]
    [InlineData("--Urls=http://localhost:1", false)]
    [InlineData("--Visco:Storage:Provider=memory", false)]
    public void IsVerb_VerbsAndHelpButNotHostSwitches(string first, bool verb) =>
        Assert.Equal(verb, SiloCommandLine.IsVerb([first]));

    [Fact]
    public async Task CreateDeviceCa_Twice_SecondRefusedWithoutOverwrite()
    {
        Assert.Equal(0, await SiloCommandLine.RunAsync(["create-device-ca", "--data", _data]));
        var key = Path.Combine(_data, "pki", "device-ca.key.pem");
        var first = await File.ReadAllTextAsync(key);

        Assert.Equal(1, await SiloCommandLine.RunAsync(["create-device-ca", "--data", _data]));
        Assert.Equal(first, await File.ReadAllTextAsync(key));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        }
    }

    [Fact]
    public async Task RegisterDevicesAndCreateClaim_ThenSilo_AcceptsTheWrittenCredentials()
    {
        Assert.Equal(0, await SiloCommandLine.RunAsync(["register-devices", "--data", _data, "--hospital", "h9", "--count", "2"]));
        Assert.Equal(0, await SiloCommandLine.RunAsync(["create-claim", "--data", _data, "--hospital", "h9"]));
        var device = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_data, "credentials", "h9-analyser-002.json"))).RootElement;
        var claim = JsonDocument.Parse(await File.ReadAllTextAsync(Directory.GetFiles(Path.Combine(_data, "claims")).Single())).RootElement;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        await using var silo = new SiloFactory(_data);
        var directory = silo.Services.GetRequiredService<IDeviceDirectory>();

        Assert.Equal("h9", device.GetProperty("hospitalId").GetString());
        Assert.True(await directory.VerifySecretAsync("h9-analyser-002", device.GetProperty("secret").GetString()!));
        Assert.False(await directory.VerifySecretAsync("h9-analyser-002", "not-the-secret"));
        var verified = await directory.VerifyClaimAsync(claim.GetProperty("claimId").GetString()!, claim.GetProperty("secret").GetString()!);
        Assert.Equal("h9", verified?.HospitalId);
    }

    [Fact]
    public async Task MintToken_EmbeddedMode_PrintsAnEs256Jwt()
    {
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        try
        {
            Assert.Equal(0, await SiloCommandLine.RunAsync(["mint-token", "--data", _data, "--role", "clinician", "--hospital", "h1"]));
        }
        finally
        {
            Console.SetOut(original);
        }

        var token = output.ToString().Trim().Split('\n')[^1];
        var header = JsonDocument.Parse(Convert.FromBase64String(Pad(token.Split('.')[0]))).RootElement;
        Assert.Equal(3, token.Split('.').Length);
        Assert.Equal("ES256", header.GetProperty("alg").GetString());
    }

    private static string Pad(string base64Url)
    {
        var text = base64Url.Replace('-', '+').Replace('_', '/');
        return text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
    }
}
