using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Visco.Api.Auth;
using Visco.Api.Devices;
using Visco.Api.Tests.Hosting;
using Visco.Grains.Interfaces.Api;
using Visco.Grains.Interfaces.Fleet;

namespace Visco.Api.Tests;

/// <summary>Device commands and desired configuration through the API: queue, delivery, replies, bad input, roles.</summary>
public sealed class CommandsApiTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private const string Sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    private ApiHost Host => fixture.Host;

    private HttpClient Admin => Host.ClientFor(ApiRoles.DeviceAdmin, "h-a");

    [Fact]
    public async Task Issue_OfflineDevice_AcceptedQueuedWithLocationListedAndCountedInDetail()
    {
        var deviceId = await NewDeviceAsync();

        var response = await Admin.PostAsJsonAsync(Commands(deviceId), new { type = "locate" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var command = await response.Content.ReadFromJsonAsync<DeviceCommandRecord>(Json);
        Assert.Equal((DeviceCommandType.Locate, DeviceCommandStatus.Queued, "device-admin-user"), (command!.Type, command.Status, command.IssuedBy));
        Assert.Equal($"/api/v1/hospitals/h-a/devices/{deviceId}/commands/{command.CommandId}", response.Headers.Location?.ToString());
        var read = await Admin.GetFromJsonAsync<DeviceCommandRecord>(response.Headers.Location, Json);
        Assert.Equal(command, read);
        Assert.Contains("\"status\":\"queued\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var detail = await Admin.GetFromJsonAsync<DeviceDetail>(new Uri($"/api/v1/hospitals/h-a/devices/{deviceId}", UriKind.Relative), Json);
        Assert.Equal(1, detail!.PendingCommands);
        Assert.DoesNotContain(Host.Connections.Published, p => p.DeviceId == deviceId);
    }

    [Fact]
    public async Task Issue_OnlineDevice_SentThenAppliedByTheDevicesReply()
    {
        var deviceId = await NewDeviceAsync();
        Host.Connections.Connected[deviceId] = true;

        var response = await Admin.PostAsJsonAsync(Commands(deviceId), new { type = "firmware-update", version = "2.5.0", url = "https://fw.example/2.5.0.bin", sha256 = Sha });
        var command = await response.Content.ReadFromJsonAsync<DeviceCommandRecord>(Json);

        Assert.Equal(DeviceCommandStatus.Sent, command!.Status);
        var published = Assert.Single(Host.Connections.Published, p => p.DeviceId == deviceId);
        Assert.Equal($"devices/{deviceId}/commands", published.Message.Topic);
        var body = JsonDocument.Parse(published.Message.Payload).RootElement;
        Assert.Equal((command.CommandId, "firmware-update", Sha), (body.GetProperty("commandId").GetString(), body.GetProperty("type").GetString(), body.GetProperty("sha256").GetString()));

        await DeviceReplies.ReplyAsync(Host, "h-a", deviceId, command.CommandId, "applied");

        var read = await Admin.GetFromJsonAsync<DeviceCommandRecord>(new Uri($"{Commands(deviceId)}/{command.CommandId}", UriKind.Relative), Json);
        Assert.Equal(DeviceCommandStatus.Applied, read!.Status);
        Assert.NotNull(read.RepliedAt);
    }

    [Fact]
    public async Task ListCommands_Several_NewestFirstPagedByCursor()
    {
        var deviceId = await NewDeviceAsync();
        var issued = new List<string>();
        foreach (var type in new[] { "locate", "reboot", "wipe", "renew-certificate" })
        {
            var response = await Admin.PostAsJsonAsync(Commands(deviceId), new { type });
            issued.Add((await response.Content.ReadFromJsonAsync<DeviceCommandRecord>(Json))!.CommandId);
        }

        var ops = Host.ClientFor(ApiRoles.Ops, "h-a");
        var first = await ops.GetFromJsonAsync<DeviceCommandPage>(new Uri($"{Commands(deviceId)}?limit=3", UriKind.Relative), Json);
        var second = await ops.GetFromJsonAsync<DeviceCommandPage>(new Uri($"{Commands(deviceId)}?limit=3&cursor={first!.NextCursor}", UriKind.Relative), Json);

        issued.Reverse();
        Assert.Equal(issued, first.Items.Concat(second!.Items).Select(c => c.CommandId));
        Assert.Null(second.NextCursor);
    }

    [Fact]
    public async Task Configuration_SetTwiceThenReported_VersionsAndAcknowledged()
    {
        var deviceId = await NewDeviceAsync();

        var first = await Admin.PutAsJsonAsync(Configuration(deviceId), new { measurementIntervalSeconds = 30 });
        var second = await Admin.PutAsJsonAsync(Configuration(deviceId), new { measurementIntervalSeconds = 60, mode = "quiet" });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var set = await second.Content.ReadFromJsonAsync<DeviceConfigurationStatus>(Json);
        Assert.Equal((2L, false, DeviceCommandStatus.Queued), (set!.DesiredVersion, set.Acknowledged, set.CommandStatus!.Value));
        Assert.Equal("quiet", set.Settings!.Value.GetProperty("mode").GetString());

        await DeviceReplies.ReportConfigurationAsync(Host, "h-a", deviceId, 2);

        var read = await Host.ClientFor(ApiRoles.Ops, "h-a").GetFromJsonAsync<DeviceConfigurationStatus>(Configuration(deviceId), Json);
        Assert.Equal((2L, 2L, true), (read!.DesiredVersion, read.ReportedVersion, read.Acknowledged));
        var detail = await Admin.GetFromJsonAsync<DeviceDetail>(new Uri($"/api/v1/hospitals/h-a/devices/{deviceId}", UriKind.Relative), Json);
        Assert.Equal((2L, 2L, true, 0), (detail!.DesiredConfigurationVersion, detail.ReportedConfigurationVersion, detail.ConfigurationAcknowledged, detail.PendingCommands));
    }

    [Fact]
    public async Task Issue_SetConfigurationCommand_SameAsPutConfiguration()
    {
        var deviceId = await NewDeviceAsync();

        var response = await Admin.PostAsJsonAsync(Commands(deviceId), new { type = "set-configuration", settings = new { stateIntervalSeconds = 5 } });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var command = await response.Content.ReadFromJsonAsync<DeviceCommandRecord>(Json);
        Assert.Equal((DeviceCommandType.SetConfiguration, 1L), (command!.Type, command.ConfigurationVersion!.Value));
        var configuration = await Admin.GetFromJsonAsync<DeviceConfigurationStatus>(Configuration(deviceId), Json);
        Assert.Equal(command.CommandId, configuration!.CommandId);
    }

    public static TheoryData<string, string> BadCommands => new()
    {
        { "{\"type\":\"self-destruct\"}", "type must be one of" },
        { "{}", "type must be one of" },
        { "{\"type\":\"firmware-update\",\"version\":\"2.5.0\",\"url\":\"http://fw.example/x.bin\",\"sha256\":\"" + Sha + "\"}", "https" },
        { "{\"type\":\"firmware-update\",\"version\":\"2.5.0\",\"url\":\"https://fw.example/x.bin\",\"sha256\":\"abc123\"}", "sha256" },
        { "{\"type\":\"firmware-update\",\"url\":\"https://fw.example/x.bin\",\"sha256\":\"" + Sha + "\"}", "version" },
        { "{\"type\":\"reboot\",\"settings\":{}}", "takes no settings" },
        { "{\"type\":\"set-configuration\",\"settings\":[1]}", "object" },
        { "{\"type\":\"set-configuration\"}", "object" },
        { "{\"type\":\"set-configuration\",\"version\":\"3\",\"settings\":{}}", "settings only" },
    };

    [Theory]
    [MemberData(nameof(BadCommands))]
    public async Task Issue_BadCommand_BadRequestProblemSayingWhy(string body, string mentions)
    {
        var deviceId = await NewDeviceAsync();

        var response = await Admin.PostAsync(Commands(deviceId), new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(mentions, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var page = await Admin.GetFromJsonAsync<DeviceCommandPage>(Commands(deviceId), Json);
        Assert.Empty(page!.Items);
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("\"settings\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("{\"measurementIntervalSeconds\": 100000}")]
    [InlineData("{\"measurementIntervalSeconds\": ")]
    [InlineData("")]
    public async Task PutConfiguration_NotASettingsObject_BadRequestProblem(string body)
    {
        var deviceId = await NewDeviceAsync();

        var response = await Admin.PutAsync(Configuration(deviceId), new StringContent(body, Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task PutConfiguration_SettingsOverDeviceLimit_BadRequestAndHugeBodyPayloadTooLarge()
    {
        var deviceId = await NewDeviceAsync();

        var big = await Admin.PutAsync(Configuration(deviceId), new StringContent(
            $"{{\"note\":\"{new string('x', 20_000)}\"}}", Encoding.UTF8, "application/json"));
        var huge = await Admin.PutAsync(Configuration(deviceId), new StringContent(
            $"{{\"note\":\"{new string('x', 2 * 1024 * 1024)}\"}}", Encoding.UTF8, "application/json"));

        var problem = await ProblemAssert.IsProblemAsync(big, HttpStatusCode.BadRequest);
        Assert.Contains("limit", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(huge, HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("?cursor=not-a-cursor")]
    [InlineData("?limit=0")]
    [InlineData("?limit=100000")]
    [InlineData("?limit=ten")]
    public async Task ListCommands_BadPaging_BadRequestProblem(string query)
    {
        var response = await Admin.GetAsync(new Uri($"{Commands("dev-a1")}{query}", UriKind.Relative));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task GetCommand_UnknownId_NotFoundProblem()
    {
        var response = await Admin.GetAsync(new Uri($"{Commands("dev-a1")}/c999-00000000", UriKind.Relative));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Cancel_QueuedCommand_CancelledThenConflictAndUnknownNotFound()
    {
        var deviceId = await NewDeviceAsync();
        var issued = await Admin.PostAsJsonAsync(Commands(deviceId), new { type = "wipe" });
        var command = await issued.Content.ReadFromJsonAsync<DeviceCommandRecord>(Json);
        var cancel = new Uri($"{Commands(deviceId)}/{command!.CommandId}/cancel", UriKind.Relative);

        var first = await Admin.PostAsync(cancel, null);
        var again = await Admin.PostAsync(cancel, null);
        var unknown = await Admin.PostAsync(new Uri($"{Commands(deviceId)}/c404-00000000/cancel", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(DeviceCommandStatus.Cancelled, (await first.Content.ReadFromJsonAsync<DeviceCommandRecord>(Json))!.Status);
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict);
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Issue_RevokedDevice_ConflictProblem()
    {
        var deviceId = await NewDeviceAsync();
        await Admin.PostAsJsonAsync(new Uri($"/api/v1/hospitals/h-a/devices/{deviceId}/revoke", UriKind.Relative), new { reason = "stolen" });

        var command = await Admin.PostAsJsonAsync(Commands(deviceId), new { type = "wipe" });
        var configuration = await Admin.PutAsJsonAsync(Configuration(deviceId), new { stateIntervalSeconds = 5 });

        await ProblemAssert.IsProblemAsync(command, HttpStatusCode.Conflict);
        await ProblemAssert.IsProblemAsync(configuration, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Commands_ClinicianAndDataScientist_Forbidden()
    {
        var clinician = Host.ClientFor(ApiRoles.Clinician, "h-a");
        var scientist = Host.ClientFor(ApiRoles.DataScientist, "h-a");

        await ProblemAssert.IsProblemAsync(await clinician.PostAsJsonAsync(Commands("dev-a1"), new { type = "locate" }), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await clinician.GetAsync(Commands("dev-a1")), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await clinician.PutAsJsonAsync(Configuration("dev-a1"), new { }), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await scientist.GetAsync(Configuration("dev-a1")), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(
            await Host.ClientFor(ApiRoles.Ops, "h-a").PostAsJsonAsync(Commands("dev-a1"), new { type = "locate" }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Issue_Command_AuditedWithCallerAndDevice()
    {
        var deviceId = await NewDeviceAsync();
        var subject = "cmd-auditee-" + Guid.NewGuid().ToString("N")[..8];
        var client = Host.ClientWith(Host.Tokens.Mint(new TokenRequest(subject, [ApiRoles.DeviceAdmin], ["h-a"], TimeSpan.FromHours(1))));

        await client.PostAsJsonAsync(Commands(deviceId), new { type = "reboot" });
        await client.PutAsJsonAsync(Configuration(deviceId), new { stateIntervalSeconds = 5 });
        await client.PostAsJsonAsync(Commands(deviceId), new { type = "explode" });

        var page = await Host.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Subject: subject));
        Assert.Equal(
            [
                "POST /api/v1/hospitals/{hospitalId}/devices/{deviceId}/commands",
                "PUT /api/v1/hospitals/{hospitalId}/devices/{deviceId}/configuration",
                "POST /api/v1/hospitals/{hospitalId}/devices/{deviceId}/commands",
            ],
            page.Items.Select(e => e.Action));
        Assert.All(page.Items, e => Assert.Equal(("h-a", deviceId), (e.HospitalId, e.Resources["deviceId"])));

        // The outcome is what the caller got, also when the handler answered with a problem (400), not the route's 200.
        Assert.Equal([400, 200, 202], page.Items.Select(e => e.Outcome));
    }

    [Fact]
    public async Task OpenApi_Document_ListsCommandConfigurationAndHospitalRoutes()
    {
        var document = await Host.Client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        foreach (var route in new[]
        {
            "/api/v1/hospitals/{hospitalId}/devices/{deviceId}/commands",
            "/api/v1/hospitals/{hospitalId}/devices/{deviceId}/commands/{commandId}",
            "/api/v1/hospitals/{hospitalId}/devices/{deviceId}/commands/{commandId}/cancel",
            "/api/v1/hospitals/{hospitalId}/devices/{deviceId}/configuration",
            "\"/api/v1/hospitals\"",
        })
        {
            Assert.Contains(route, document, StringComparison.Ordinal);
        }

        Assert.Contains("IssueDeviceCommand", document, StringComparison.Ordinal);
        Assert.Contains("ListHospitals", document, StringComparison.Ordinal);
    }

    private static Uri Commands(string deviceId) => new($"/api/v1/hospitals/h-a/devices/{deviceId}/commands", UriKind.Relative);

    private static Uri Configuration(string deviceId) => new($"/api/v1/hospitals/h-a/devices/{deviceId}/configuration", UriKind.Relative);

    private async Task<string> NewDeviceAsync()
    {
        var deviceId = "dev-cmd-" + Guid.NewGuid().ToString("N")[..8];
        await Host.Grains.GetGrain<IDeviceGrain>(deviceId).Register(new DeviceRegistration("h-a", "secret-0123456789abcdef", "test"));
        return deviceId;
    }
}
