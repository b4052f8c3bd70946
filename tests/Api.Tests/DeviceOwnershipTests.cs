using System.Net;
using Visco.Api.Auth;
using Visco.Api.Tests.Hosting;
using Visco.Grains.Interfaces.Fleet;

namespace Visco.Api.Tests;

/// <summary>
/// The remembered device ownership: a device's hospital is remembered once the device grain said it, a device not (yet)
/// registered is asked again every time, and what is remembered never opens a device to another hospital.
/// </summary>
public sealed class DeviceOwnershipTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private ApiHost Host => fixture.Host;

    [Fact]
    public async Task GetDeviceResults_DeviceRegisteredAfterA404_FoundOnceRegistered()
    {
        var clinician = Host.ClientFor(ApiRoles.Clinician, "h-a");
        var uri = new Uri("/api/v1/hospitals/h-a/devices/dev-late/results", UriKind.Relative);
        Assert.Equal(HttpStatusCode.NotFound, (await clinician.GetAsync(uri)).StatusCode);

        await Host.Grains.GetGrain<IDeviceGrain>("dev-late").Register(new DeviceRegistration("h-a", "late-secret-0123456789", "test"));

        Assert.Equal(HttpStatusCode.OK, (await clinician.GetAsync(uri)).StatusCode);
    }

    [Fact]
    public async Task GetDeviceResults_RememberedForItsOwnHospital_StillAbsentForAnother()
    {
        var owner = Host.ClientFor(ApiRoles.Clinician, "h-b");
        var other = Host.ClientFor(ApiRoles.Clinician, "h-a");

        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync(new Uri("/api/v1/hospitals/h-b/devices/dev-b1/results", UriKind.Relative))).StatusCode);
        var foreign = await other.GetAsync(new Uri("/api/v1/hospitals/h-a/devices/dev-b1/results", UriKind.Relative));
        var again = await owner.GetAsync(new Uri("/api/v1/hospitals/h-b/devices/dev-b1/results", UriKind.Relative));

        await ProblemAssert.IsProblemAsync(foreign, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }
}
