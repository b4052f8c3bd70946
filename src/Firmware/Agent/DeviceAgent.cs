using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Visco.Firmware.Configuration;
using Visco.Firmware.Messages;
using Visco.Firmware.Queue;
using Visco.Firmware.Security;
using Visco.Mqtt.Client;
using Visco.Mqtt.Packets;

namespace Visco.Firmware.Agent;

/// <summary>
/// The analyser agent: provisions itself, keeps a connection to the broker (back-off with jitter, MQTT 5 with fallback
/// to 3.1.1, a will for offline detection), sends every measurement through the store-and-forward queue, reports its
/// state, logs results and applies commands. The same class runs once on an analyser and ten thousand times in the
/// fleet simulator.
/// </summary>
public sealed partial class DeviceAgent : IAsyncDisposable
{
    private readonly AgentOptions _options;
    private readonly AgentServices _services;
    private readonly ILogger _logger;
    private readonly MeasurementQueue _queue;
    private readonly CredentialStore _credentials;
    private readonly AgentStateStore? _stateStore;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource<AgentStopReason> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Channel<DeviceCommand> _commands = Channel.CreateBounded<DeviceCommand>(16);
    private readonly ConcurrentDictionary<long, bool> _inflight = new();
    private readonly ConcurrentDictionary<string, long> _sentAt = new();
    private readonly string _measurementsTopic;
    private readonly string _stateTopic;
    private AgentState _state = AgentState.Initial;

    // The client whose current connection has its subscriptions in place (null while connecting): the send loop waits for it.
    private MqttClient? _subscribedOn;
    private AgentStopReason _stopReason = AgentStopReason.Stopped;
    private Task _run = Task.CompletedTask;
    private int _started;

    /// <summary>Creates an agent; nothing runs until <see cref="StartAsync"/>.</summary>
    public DeviceAgent(AgentOptions options, AgentServices services)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        options.Validate();
        _options = options;
        _services = services;
        _logger = services.Logger;
        _queue = services.Queue;
        _credentials = new CredentialStore(options.StateDirectory);
        _stateStore = services.PersistState ? new AgentStateStore(options.StateDirectory) : null;
        if (options.Authentication.Mode == AuthenticationMode.Claim)
        {
            _renewer = new CertificateRenewer(options.DeviceId, _credentials, TimeSpan.FromSeconds(options.ProvisioningTimeoutSeconds), services.Time);
        }

        _measurementsTopic = $"devices/{options.DeviceId}/measurements";
        _stateTopic = $"devices/{options.DeviceId}/state";
        ProtocolVersion = options.Broker.ProtocolVersion;
    }

    /// <summary>The device id.</summary>
    public string DeviceId => _options.DeviceId;

    /// <summary>Completes when the agent has stopped, with the reason.</summary>
    public Task<AgentStopReason> Completion => _completion.Task;

    /// <summary>Measurements waiting for the broker's acknowledgement.</summary>
    public int QueueDepth => _queue.Count;

    /// <summary>The firmware version running now.</summary>
    public string FirmwareVersion => _state.FirmwareVersion ?? _options.FirmwareVersion;

    /// <summary>The version of the configuration applied last (0: none).</summary>
    public long ConfigurationVersion => _state.ConfigurationVersion;

    /// <summary>The protocol version in use (MQTT 5 until a broker forces 3.1.1).</summary>
    public MqttProtocolVersion ProtocolVersion { get; private set; }

    /// <summary>Whether the agent is connected to the broker.</summary>
    public bool IsConnected => _client is { IsConnected: true };

    /// <summary>How many locate commands were carried out (the analyser flashes its light).</summary>
    public int LocateCount { get; private set; }

    /// <summary>Loads the stored state and starts connecting, sending and (when configured) measuring in the background.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException("the agent is already started");
        }

        if (_stateStore is not null)
        {
            SecureFiles.CreatePrivateDirectory(_options.StateDirectory);
            _state = _stateStore.Load();
        }

        FirmwareLog.AgentStarted(_logger, DeviceId, FirmwareVersion, _queue.Count);
        _run = RunAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    /// <summary>Stops gracefully: reports "offline", disconnects, keeps the queue for the next start.</summary>
    public async Task StopAsync()
    {
        RequestStop(AgentStopReason.Stopped);
        await _run.ConfigureAwait(false);
    }

    /// <summary>Stops at once without saying goodbye, as a crash would; whatever is queued stays on disk.</summary>
    public async ValueTask DisposeAsync()
    {
        RequestStop(AgentStopReason.Disposed);
        await _run.ConfigureAwait(false);
        _completion.TrySetResult(AgentStopReason.Disposed);
        _stopping.Dispose();
    }

    private void RequestStop(AgentStopReason reason)
    {
        lock (_stopping)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            _stopReason = reason;
            _stopping.Cancel();
        }
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        var loops = new List<Task>
        {
            Guard(ConnectionLoopAsync(stopping)),
            Guard(SendLoopAsync(stopping)),
            Guard(CommandLoopAsync(stopping)),
            Guard(StateLoopAsync(stopping)),
            Guard(MeasureLoopAsync(stopping)),
        };
        await Task.WhenAll(loops).ConfigureAwait(false);
        await FinishAsync(_stopReason).ConfigureAwait(false);
        _completion.TrySetResult(_stopReason);
    }

    /// <summary>Runs a loop to its end; a loop that fails is logged, never allowed to take the agent down silently.</summary>
    private async Task Guard(Task loop)
    {
        try
        {
            await loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            FirmwareLog.LoopFailed(_logger, DeviceId, exception);
            RequestStop(AgentStopReason.Stopped);
        }
    }

    private async Task FinishAsync(AgentStopReason reason)
    {
        var client = _client;
        _client = null;
        if (client is not null)
        {
            if (reason != AgentStopReason.Disposed && client.IsConnected)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), _services.Time);
                try
                {
                    // A graceful goodbye is not a failure: the will is not published, so say "offline" ourselves.
                    await client.PublishAsync(StateMessage("offline", withDetails: false), timeout.Token).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is OperationCanceledException or MqttConnectionClosedException)
                {
                }
            }

            await client.DisposeAsync().ConfigureAwait(false);
        }

        if (reason == AgentStopReason.Wiped)
        {
            Wipe();
        }

        FirmwareLog.AgentStopped(_logger, DeviceId, reason, _queue.Count);
    }

    private void Wipe()
    {
        _queue.Clear();
        _credentials.Delete();
        _stateStore?.Delete();
        var firmware = Path.Combine(_options.StateDirectory, "firmware");
        if (_services.PersistState && Directory.Exists(firmware))
        {
            Directory.Delete(firmware, recursive: true);
        }

        FirmwareLog.Wiped(_logger, DeviceId);
    }

    private void Wake() => _wake.Writer.TryWrite(true);

    private MqttApplicationMessage StateMessage(string status, bool withDetails) => new()
    {
        Topic = _stateTopic,
        Payload = withDetails
            ? DeviceMessages.State(status, FirmwareVersion, ConfigurationVersion, _queue.Count, _services.Time.GetUtcNow())
            : DeviceMessages.State(status, null, null, null, _services.Time.GetUtcNow()),
        QualityOfService = MqttQualityOfService.AtLeastOnce,
        Retain = true,
        ContentType = "application/json",
    };
}
