using Visco.Grains.Interfaces.Fleet;
using Visco.Grains.Interfaces.Ingress;
using Visco.Grains.Interfaces.Results;
using Visco.Grains.Tests.Hosting;

namespace Visco.Grains.Tests;

/// <summary>The device command queue: delivery now or at connect, in order, replies, bounds, expiry and revocation.</summary>
public sealed class CommandTests : IAsyncLifetime
{
    private const string Sha = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08";
    private DomainSilo _silo = null!;

    private IDeviceGrain Device => _silo.Grains.GetGrain<IDeviceGrain>("dev-1");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _silo = await DomainSilo.StartInMemoryAsync(withModel: false);
        await _silo.RegisterAsync("h1", "dev-1");
    }

    /// <inheritdoc />
    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task IssueCommand_DeviceOffline_QueuedThenSentInOrderOnConnect()
    {
        var locate = await Device.IssueCommand(new DeviceCommandRequest(DeviceCommandType.Locate, "admin"));
        var reboot = await Device.IssueCommand(new DeviceCommandRequest(DeviceCommandType.Reboot, "admin"));
        var renew = await Device.IssueCommand(new DeviceCommandRequest(DeviceCommandType.RenewCertificate, "admin"));

        Assert.Equal(DeviceCommandStatus.Queued, locate.Status);
        Assert.Empty(_silo.Connections.CommandsTo("dev-1"));
        Assert.Equal(3, (await Device.GetStatus())!.PendingCommands);

        await DeviceSide.ConnectAsync(_silo, "h1", "dev-1");

        var sent = _silo.Connections.CommandsTo("dev-1");
        Assert.Equal([locate.CommandId, reboot.CommandId, renew.CommandId], sent.Select(c => c.GetProperty("commandId").GetString()));
        Assert.Equal(["locate", "reboot", "renew-certificate"], sent.Select(c => c.GetProperty("type").GetString()));
        Assert.All(sent, c => Assert.Equal(1, c.GetProperty("v").GetInt32()));
        Assert.All(sent, c => Assert.Equal("dev-1", c.GetProperty("deviceId").GetString()));
        Assert.Equal(DeviceCommandStatus.Sent, (await Device.GetCommand(locate.CommandId))!.Status);
        Assert.All(_silo.Connections.Published, p => Assert.Equal(1, p.Message.QualityOfService));
    }

    [Fact]
    public async Task IssueCommand_DeviceOnline_SentAtOnceWithFirmwareFields()
    {
        await DeviceSide.ConnectAsync(_silo, "h1", "dev-1");

        var command = await Device.IssueCommand(new DeviceCommandRequest(
            DeviceCommandType.FirmwareUpdate, "admin", "2.5.0", "https://firmware.example/2.5.0.bin", Sha));

        Assert.Equal(DeviceCommandStatus.Sent, command.Status);
        Assert.NotNull(command.SentAt);
        var sent = Assert.Single(_silo.Connections.CommandsTo("dev-1"));
        Assert.Equal("firmware-update", sent.GetProperty("type").GetString());
        Assert.Equal("2.5.0", sent.GetProperty("version").GetString());
        Assert.Equal("https://firmware.example/2.5.0.bin", sent.GetProperty("url").GetString());
        Assert.Equal(Sha.ToLowerInvariant(), sent.GetProperty("sha256").GetString());
        Assert.DoesNotContain('/', command.CommandId);
        Assert.DoesNotContain('+', command.CommandId);
        Assert.DoesNotContain('#', command.CommandId);
    }

    [Theory]
    [InlineData("applied", DeviceCommandStatus.Applied)]
    [InlineData("refused", DeviceCommandStatus.Refused)]
    [InlineData("failed", DeviceCommandStatus.Failed)]
    public async Task CommandReplied_FirmwareReply_StatusAndReasonRecorded(string wire, DeviceCommandStatus expected)
    {
        await DeviceSide.ConnectAsync(_silo, "h1", "dev-1");
        var command = await Device.IssueCommand(new DeviceCommandRequest(DeviceCommandType.Locate, "admin"));

        var answer = await DeviceSide.ReplyAsync(_silo, "h1", "dev-1", command.CommandId, DeviceSide.Reply(command.CommandId, wire, "because"));

        Assert.Equal(DeviceMessageStatus.Accepted, answer.Status);
        var stored = await Device.GetCommand(command.CommandId);
        Assert.Equal(expected, stored!.Status);
        Assert.Equal("because", stored.Reason);
        Assert.Equal(_silo.Time.GetUtcNow(), stored.RepliedAt);
        Assert.Equal(0, (await Device.GetStatus())!.PendingCommands);
    }

    [Fact]
    public async Task CommandReplied_SameReplyTwice_DuplicateAndFirstAnswerStands()
    {
        await DeviceSide.ConnectAsync(_silo, "h1", "dev-1");
        var command = await Device.IssueCommand(new DeviceCommandRequest(DeviceCommandType.Locate, "admin"));
        await DeviceSide.ReplyAsync(_silo, "h1", "dev-1", command.CommandId, DeviceSide.Reply(command.CommandId, "applied"));

        var again = await DeviceSide.ReplyAsync(_silo, "h1", "dev-1", command.CommandId, DeviceSide.Reply(command.CommandId, "failed", "late"));

        Assert.Equal(DeviceMessageStatus.Duplicate, again.Status);
        Assert.Equal(DeviceCommandStatus.Applied, (await Device.GetCommand(command.CommandId))!.Status);
    }

    [Fact]
    public async Task CommandReplied_UnknownCommandId_RefusedWithReason()
    {
        var answer = await DeviceSide.ReplyAsync(_silo, "h1", "dev-1", "c99-nothing", DeviceSide.Reply("c99-nothing", "applied"));

        Assert.Equal(DeviceMessageStatus.InvalidPayload, answer.Status);
        Assert.Contains("no command with this id", answer.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"v\":1,\"status\":\"done\"}")]
    [InlineData("{\"v\":2,\"status\":\"applied\"}")]
    [InlineData("{\"status\":\"applied\"}")]
    [InlineData("{\"v\":1,\"commandId\":\"someone-else\",\"status\":\"applied\"}")]
    [InlineData("{\"v\":1,\"status\":\"applied\",\"reason\":42}")]
    [InlineData("{\"v\":1,\"status\":")]
    [InlineData("")]
    public async Task CommandReplied_MalformedReply_RefusedAndCommandStillOpen(string body)
    {
        await DeviceSide.ConnectAsync(_silo, "h1", "dev-1");
        var command = await Device.IssueCommand(new DeviceCommandRequest(DeviceCommandType.Locate, "admin"));

        var answer = await DeviceSide.ReplyAsync(_silo, "h1", "dev-1", command.CommandId, Payloads.Text(body));

        Assert.Equal(DeviceMessageStatus.InvalidPayload, answer.Status);
        Assert.False(string.IsNullOrEmpty(answer.Reason));
        Assert.Equal(DeviceCommandStatus.Sent, (await Device.GetCommand(command.CommandId))!.Status);
    }

    [Fact]
    public async Task CommandReplied_HugeReply_Refused()
    {
        await DeviceSide.ConnectAsync(_silo, "h1", "dev-1");
        var command = await Device.IssueCommand(new DeviceCommandRequest(DeviceCommandType.Locate, "admin"));

        var answer = await DeviceSide.ReplyAsync(_silo, "h1", "dev-1", command.CommandId,
            DeviceSide.Reply(command.CommandId, "applied", new string('x', 10_000)));

        Assert.Equal(DeviceMessageStatus.InvalidPayload, answer.Status);
        Assert.Contains("limit", answer.Reason, StringComparison.Ordinal);
    }

    public static TheoryData<DeviceCommandRequest, string> InvalidRequests => new()
    {
        { new DeviceCommandRequest(DeviceCommandType.FirmwareUpdate, "a", "2.5.0", "http://firmware.example/x.bin", Sha), "https" },
        { new DeviceCommandRequest(DeviceCommandType.FirmwareUpdate, "a", "2.5.0", "not a url", Sha), "https" },
        { new DeviceCommandRequest(DeviceCommandType.FirmwareUpdate, "a", "2.5.0", "https://f.example/x.bin", "abc"), "sha256" },
        { new DeviceCommandRequest(DeviceCommandType.FirmwareUpdate, "a", "2.5.0", "https://f.example/x.bin", new string('g', 64)), "sha256" },
        { new DeviceCommandRequest(DeviceCommandType.FirmwareUpdate, "a", null, "https://f.example/x.bin", Sha), "version" },
        { new DeviceCommandRequest(DeviceCommandType.FirmwareUpdate, "a", "../../etc", "https://f.example/x.bin", Sha), "version" },
        { new DeviceCommandRequest(DeviceCommandType.SetConfiguration, "a"), "desired configuration" },
        { new DeviceCommandRequest(DeviceCommandType.Reboot, "a", FirmwareUrl: "https://f.example/x.bin"), "takes no" },
        { new DeviceCommandRequest(DeviceCommandType.Reboot, " "), "issuedBy" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task IssueCommand_InvalidRequest_RefusedWithReasonAndNothingQueued(DeviceCommandRequest request, string mentions)
    {
        var thrown = await Assert.ThrowsAsync<InvalidDeviceCommandException>(() => Device.IssueCommand(request));

        Assert.Contains(mentions, thrown.Message, StringComparison.Ordinal);
        Assert.Empty((await Device.GetCommands(null, 10)).Items);
    }

    [Fact]
    public async Task IssueCommand_UnregisteredDevice_NotFound()
    {
        await Assert.ThrowsAsync<DeviceNotFoundException>(() =>
            _silo.Grains.GetGrain<IDeviceGrain>("ghost").IssueCommand(new DeviceCommandRequest(DeviceCommandType.Locate, "admin")));
    }

    [Fact]
    public async Task IssueCommand_QueueFull_RefusedAndEarlierCommandsKept()
    {
        for (var i = 0; i < 100; i++)
        {
            await Device.IssueCommand(new DeviceCommandRequest(DeviceCommandType.Locate, "admin"));
        }

        var thrown = await Assert.ThrowsAsync<CommandQueueFullException>(() => Device.IssueCommand(new DeviceCommandRequest(DeviceCommandType.Reboot, "admin")));

        Assert.Equal(100, thrown.Limit);
        Assert.Equal(100, (await Device.GetStatus())!.PendingCommands);
        await DeviceSide.ConnectAsync(_silo, "h1", "dev-1");
        Assert.Equal(100, _silo.Connections.CommandsTo("dev-1").Count);
    }

    [Fact]
    public async Task GetCommands_Pages_NewestFirstWithCursorAndBadCursorRefused()
    {
        var issued = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            issued.Add((await Device.IssueCommand(new DeviceCommandRequest(DeviceCommandType.Locate, "admin"))).CommandId);
        }

        var first = await Device.GetCommands(null, 2);
        var second = await Device.GetCommands(first.NextCursor, 2);
        var third = await Device.GetCommands(second.NextCursor, 2);

        issued.Reverse();
        Assert.Equal(issued, first.Items.Concat(second.Items).Concat(third.Items).Select(c => c.CommandId));
        Assert.Null(third.NextCursor);
        await Assert.ThrowsAsync<InvalidCursorException>(() => Device.GetCommands("bm90LWEtY3Vyc29y", 2));
        await Assert.ThrowsAsync<InvalidCursorException>(() => Device.GetCommands("%%%", 2));
    }

    [Fact]
    public async Task Commands_ManyFinished_HistoryBoundedAndOldestDropped()
    {
        await DeviceSide.ConnectAsync(_silo, "h1", "dev-1");
        string? firstId = null;
        for (var i = 0; i < 205; i++)
        {
            var command = await Device.IssueCommand(new DeviceCommandRequest(DeviceCommandType.Locate, "admin"));
            firstId ??= command.CommandId;
            await DeviceSide.ReplyAsync(_silo, "h1", "dev-1", command.CommandId, DeviceSide.Reply(command.CommandId, "applied"));
        }

        var all = await Device.GetCommands(null, 1000);

        Assert.Equal(200, all.Items.Count);
        Assert.Null(await Device.GetCommand(firstId!));
    }

    [Fact]
    public async Task Revoke_WithOpenCommands_CancelledAndNoMoreCommandsAccepted()
    {
        var queued = await Device.IssueCommand(new DeviceCommandRequest(DeviceCommandType.Wipe, "admin"));

        await _silo.Registrar.RevokeDeviceAsync("dev-1", "stolen");

        var cancelled = await Device.GetCommand(queued.CommandId);
        Assert.Equal(DeviceCommandStatus.Cancelled, cancelled!.Status);
        Assert.Contains("revoked", cancelled.Reason, StringComparison.Ordinal);
        await Assert.ThrowsAsync<DeviceRevokedException>(() => Device.IssueCommand(new DeviceCommandRequest(DeviceCommandType.Locate, "admin")));
        await Assert.ThrowsAsync<DeviceRevokedException>(() =>
            Device.SetDesiredConfiguration(System.Text.Json.JsonDocument.Parse("{}").RootElement, "admin"));
        var reply = await DeviceSide.ReplyAsync(_silo, "h1", "dev-1", queued.CommandId, DeviceSide.Reply(queued.CommandId, "applied"));
        Assert.Equal(DeviceMessageStatus.NotAuthorized, reply.Status);
    }

    [Fact]
    public async Task IssueCommand_ConnectedButNotSubscribedYet_StaysQueuedThenSentAtStateReport()
    {
        _silo.Connections.NotSubscribed = true;
        await DeviceSide.ConnectAsync(_silo, "h1", "dev-1");
        var command = await Device.IssueCommand(new DeviceCommandRequest(DeviceCommandType.Locate, "admin"));
        Assert.Equal(DeviceCommandStatus.Queued, command.Status);

        _silo.Connections.NotSubscribed = false;
        await DeviceSide.ReportStateAsync(_silo, "h1", "dev-1", null);

        Assert.Equal(DeviceCommandStatus.Sent, (await Device.GetCommand(command.CommandId))!.Status);
        Assert.Single(_silo.Connections.CommandsTo("dev-1"));
    }

    [Fact]
    public async Task CancelCommand_Queued_CancelledAndNotSentOnConnect()
    {
        var wipe = await Device.IssueCommand(new DeviceCommandRequest(DeviceCommandType.Wipe, "admin"));
        var locate = await Device.IssueCommand(new DeviceCommandRequest(DeviceCommandType.Locate, "admin"));

        var cancelled = await Device.CancelCommand(wipe.CommandId, "other-admin");
        await DeviceSide.ConnectAsync(_silo, "h1", "dev-1");

        Assert.Equal((DeviceCommandStatus.Cancelled, "cancelled by other-admin"), (cancelled!.Status, cancelled.Reason));
        Assert.Equal([locate.CommandId], _silo.Connections.CommandsTo("dev-1").Select(c => c.GetProperty("commandId").GetString()));
        Assert.Null(await Device.CancelCommand("c404-nothing", "admin"));
    }

    [Fact]
    public async Task CancelCommand_SentOrConfiguration_NotCancellable()
    {
        await DeviceSide.ConnectAsync(_silo, "h1", "dev-1");
        var sent = await Device.IssueCommand(new DeviceCommandRequest(DeviceCommandType.Reboot, "admin"));
        var configuration = await Device.SetDesiredConfiguration(System.Text.Json.JsonDocument.Parse("{}").RootElement, "admin");

        var notSent = await Assert.ThrowsAsync<CommandNotCancellableException>(() => Device.CancelCommand(sent.CommandId, "admin"));
        var notConfig = await Assert.ThrowsAsync<CommandNotCancellableException>(() => Device.CancelCommand(configuration.CommandId, "admin"));

        Assert.Contains("sent", notSent.Message, StringComparison.Ordinal);
        Assert.Contains("set a new configuration", notConfig.Message, StringComparison.Ordinal);
        Assert.Equal(DeviceCommandStatus.Sent, (await Device.GetCommand(sent.CommandId))!.Status);
    }

    [Fact]
    public async Task ReportState_WillAfterDisconnect_CommandsStayQueued()
    {
        await DeviceSide.ConnectAsync(_silo, "h1", "dev-1");
        await DeviceSide.DisconnectAsync(_silo, "h1", "dev-1");
        var command = await Device.IssueCommand(new DeviceCommandRequest(DeviceCommandType.Locate, "admin"));

        // The front door hands a device's will (on its state topic) to the domain after the connection is gone.
        await DeviceSide.ReportStateAsync(_silo, "h1", "dev-1", null);

        Assert.Equal(DeviceCommandStatus.Queued, (await Device.GetCommand(command.CommandId))!.Status);
        Assert.Empty(_silo.Connections.CommandsTo("dev-1"));
    }

    [Fact]
    public async Task Commands_UnansweredPastTimeToLive_ExpiredAndNotSentOnConnect()
    {
        var command = await Device.IssueCommand(new DeviceCommandRequest(DeviceCommandType.Reboot, "admin"));

        _silo.Time.Advance(TimeSpan.FromDays(7));
        await DeviceSide.ConnectAsync(_silo, "h1", "dev-1");

        var expired = await Device.GetCommand(command.CommandId);
        Assert.Equal(DeviceCommandStatus.Expired, expired!.Status);
        Assert.Empty(_silo.Connections.CommandsTo("dev-1"));
    }
}
