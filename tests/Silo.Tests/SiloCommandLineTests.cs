using Visco.Silo.Cli;

namespace Visco.Silo.Tests;

/// <summary>The silo's administrative verbs.</summary>
public sealed class SiloCommandLineTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("visco-cli-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Theory]
    [InlineData("create-device-ca", true)]
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
}
