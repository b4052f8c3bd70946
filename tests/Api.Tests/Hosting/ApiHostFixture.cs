namespace Visco.Api.Tests.Hosting;

/// <summary>One host shared by a test class (starting a silo per test would cost seconds each).</summary>
public sealed class ApiHostFixture : IAsyncLifetime
{
    /// <summary>The host.</summary>
    public ApiHost Host { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Host = await ApiHost.StartAsync();
        await Seed.HospitalWithDeviceAsync(Host, "h-a", "dev-a1", results: 5);
        await Seed.HospitalWithDeviceAsync(Host, "h-b", "dev-b1", results: 5);
    }

    /// <inheritdoc />
    public async Task DisposeAsync() => await Host.DisposeAsync();
}
