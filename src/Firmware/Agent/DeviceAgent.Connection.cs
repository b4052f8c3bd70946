using System.Security.Cryptography.X509Certificates;
using Visco.Firmware.Configuration;
using Visco.Firmware.Messages;
using Visco.Firmware.Security;
using Visco.Mqtt.Client;
using Visco.Mqtt.Packets;

namespace Visco.Firmware.Agent;

public sealed partial class DeviceAgent
{
    private static readonly TimeSpan ConnectionCheckPeriod = TimeSpan.FromSeconds(5);

    /// <summary>MQTT 5 connects closed without CONNACK, in a row, before the agent tries 3.1.1 instead.</summary>
    private const int SilentRefusalsBeforeFallback = 2;
    private MqttClient? _client;
    private int _closedBeforeConnAck;
    private bool _probing311;
    private TaskCompletionSource? _lost;
    private bool _everConnected;

    /// <summary>
    /// Connects, and reconnects after every loss with exponential back-off and jitter. The client object outlives its
    /// connections, so a resumed MQTT session resends what was unacknowledged; refusals that retrying cannot fix
    /// (bad credentials) are retried at the longest delay, since the cloud may fix them, and never end the agent.
    /// </summary>
    private async Task ConnectionLoopAsync(CancellationToken stopping)
    {
        var policy = new MqttReconnectPolicy
        {
            InitialDelay = TimeSpan.FromMilliseconds(_options.Broker.ReconnectInitialDelayMs),
            MaximumDelay = TimeSpan.FromMilliseconds(_options.Broker.ReconnectMaximumDelayMs),
        };
        var attempt = 0;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await EnsureProvisionedAsync(stopping).ConfigureAwait(false);
                var client = _client ??= CreateClient();
                var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                Volatile.Write(ref _lost, lost);
                Volatile.Write(ref _subscribedOn, null);
                await ConnectOnceAsync(client, stopping).ConfigureAwait(false);
                attempt = 0;
                if (_everConnected)
                {
                    _services.Observer?.Reconnected();
                }

                _everConnected = true;
                await OnConnectedAsync(client, stopping).ConfigureAwait(false);
                _ = RenewIfDueAsync(stopping);
                while (client.IsConnected)
                {
                    if (lost.Task.IsCompleted)
                    {
                        // A late event of an earlier connection: arm a fresh signal (the periodic check covers a race).
                        lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                        Volatile.Write(ref _lost, lost);
                    }

                    await Task.WhenAny(lost.Task, Task.Delay(ConnectionCheckPeriod, _services.Time, stopping)).ConfigureAwait(false);
                    stopping.ThrowIfCancellationRequested();
                }

                FirmwareLog.ConnectionLost(_logger, DeviceId, _queue.Count);
                continue;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (ProtocolVersion == MqttProtocolVersion.V500 && MqttOptionsFactory.MeansVersionUnsupported(exception))
            {
                FirmwareLog.FallingBackTo311(_logger, DeviceId);
                ProtocolVersion = MqttProtocolVersion.V311;
                await ReplaceClientAsync().ConfigureAwait(false);
                continue;
            }
            catch (MqttConnectionClosedException) when (ProtocolVersion == MqttProtocolVersion.V500 && _closedBeforeConnAck >= SilentRefusalsBeforeFallback)
            {
                // Some 3.1.1-only brokers answer a level-5 CONNECT by closing the socket, with no CONNACK to read.
                FirmwareLog.ProbingMqtt311(_logger, DeviceId, _closedBeforeConnAck);
                ProtocolVersion = MqttProtocolVersion.V311;
                _probing311 = true;
                _closedBeforeConnAck = 0;
                await ReplaceClientAsync().ConfigureAwait(false);
                continue;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A refusal (bad credentials, a claim refused) waits the longest delay: the cloud may fix it, retrying
                // sooner cannot, and a fleet of refused analysers must not hammer the broker.
                var transient = exception is ProvisioningException provisioning
                    ? !provisioning.IsRefusal
                    : MqttClientReconnectExtensions.IsTransient(exception);
                var retry = transient ? attempt : 64;
                var delay = policy.GetDelay(retry, Random.Shared);
                if (exception is ProvisioningException)
                {
                    FirmwareLog.ProvisioningFailed(_logger, DeviceId, _options.Authentication.ClaimId ?? "(none)", attempt + 1, delay.TotalSeconds, exception.Message);
                }
                else
                {
                    FirmwareLog.ConnectFailed(_logger, DeviceId, attempt + 1, delay.TotalSeconds, exception.Message);
                }

                attempt++;
                if (_client is { IsConnected: true } half)
                {
                    // Connected but subscribing or reporting failed: start over from a clean connection.
                    await half.DisconnectAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
                }

                try
                {
                    await Task.Delay(delay, _services.Time, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task ConnectOnceAsync(MqttClient client, CancellationToken stopping)
    {
        var gate = _services.ConnectGate;
        if (gate is not null)
        {
            await gate.WaitAsync(stopping).ConfigureAwait(false);
        }

        try
        {
            await client.ConnectAsync(stopping).ConfigureAwait(false);
            _closedBeforeConnAck = 0;
            _probing311 = false;
        }
        catch (MqttConnectionClosedException)
        {
            // The socket opened and CONNECT went out, but the broker closed it without a CONNACK.
            _closedBeforeConnAck++;
            if (_probing311)
            {
                // 3.1.1 fares no better: the broker was down or busy, not version-bound. Back to the configured version.
                _probing311 = false;
                _closedBeforeConnAck = 0;
                ProtocolVersion = _options.Broker.ProtocolVersion;
                _client = null;
                await client.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
        finally
        {
            gate?.Release();
        }
    }

    private async Task OnConnectedAsync(MqttClient client, CancellationToken stopping)
    {
        FirmwareLog.Connected(_logger, DeviceId, ProtocolVersion, client.ConnAck?.SessionPresent ?? false, _queue.Count);
        if (client.Options.CleanStart)
        {
            // The first connect started a fresh session; from now on the agent resumes it (also after a reboot).
            client.Options.CleanStart = false;
            if (!_state.SessionEstablished)
            {
                SaveState(_state with { SessionEstablished = true });
            }
        }

        await client.SubscribeAsync(new MqttSubscribePacket
        {
            Subscriptions =
            [
                new MqttSubscription($"devices/{DeviceId}/results", MqttQualityOfService.AtLeastOnce),
                new MqttSubscription($"devices/{DeviceId}/commands", MqttQualityOfService.AtLeastOnce),
            ],
        }, stopping).ConfigureAwait(false);

        // Measurements go out only now: on a new session a result routed before the subscription existed would be lost.
        Volatile.Write(ref _subscribedOn, client);
        Wake();
        await PublishStateAsync(stopping).ConfigureAwait(false);
    }

    private async Task ReplaceClientAsync()
    {
        if (Interlocked.Exchange(ref _client, null) is { } old)
        {
            await old.DisposeAsync().ConfigureAwait(false);
        }
    }

    private MqttClient CreateClient()
    {
        var auth = _options.Authentication;
        X509Certificate2? certificate = null;
        string? userName = null;
        string? password = null;
        switch (auth.Mode)
        {
            case AuthenticationMode.Secret:
                userName = DeviceId;
                password = auth.Secret;
                break;
            case AuthenticationMode.Claim:
                certificate = _credentials.LoadCertificate();
                break;
            case AuthenticationMode.Certificate:
                certificate = auth.CertificatePem is not null && auth.PrivateKeyPem is not null
                    ? CredentialStore.LoadPem(auth.CertificatePem, auth.PrivateKeyPem)
                    : CredentialStore.LoadPemPair(auth.CertificateFile!, auth.PrivateKeyFile!);
                break;
        }

        _renewalDue = certificate is not null && CertificateRenewer.IsDue(certificate, _services.Time.GetUtcNow());
        if (_renewalDue)
        {
            if (_renewer is not null)
            {
                FirmwareLog.CertificateExpiresSoonRenewing(_logger, DeviceId, certificate!.NotAfter.ToUniversalTime());
            }
            else
            {
                FirmwareLog.CertificateExpiresSoon(_logger, DeviceId, certificate!.NotAfter.ToUniversalTime());
            }
        }

        var will = new MqttWillMessage
        {
            Topic = _stateTopic,
            Payload = DeviceMessages.State("offline", null, null, null, null),
            QualityOfService = MqttQualityOfService.AtLeastOnce,
            Retain = true,
        };
        var options = MqttOptionsFactory.Create(
            _options, ProtocolVersion, userName, password, certificate, will, persistentSession: true, _services.Time, resumeSession: _state.SessionEstablished);
        var client = new MqttClient(options) { MessageReceived = OnMessageAsync };
        client.Disconnected += (_, _) => Volatile.Read(ref _lost)?.TrySetResult();
        return client;
    }

    private async Task EnsureProvisionedAsync(CancellationToken stopping)
    {
        if (_options.Authentication.Mode != AuthenticationMode.Claim || _credentials.HasCertificate)
        {
            return;
        }

        var provisioner = new ClaimProvisioner(_options, _credentials, _services.Time, _logger);
        await provisioner.ProvisionAsync(stopping).ConfigureAwait(false);
    }

    private async Task PublishStateAsync(CancellationToken cancellationToken)
    {
        if (_client is not { IsConnected: true } client)
        {
            return;
        }

        // At QoS 1 on a resumable session the publish completes at its PUBACK, even one that comes only after a
        // reconnect. The connection loop waits here right after connecting, so the wait must end when this connection
        // is lost (dropped by the server, say), or nothing would ever reconnect.
        var lost = Volatile.Read(ref _lost)?.Task;
        var publish = client.PublishAsync(StateMessage("online", withDetails: true), cancellationToken);
        try
        {
            if (lost is not null && await Task.WhenAny(publish, lost).ConfigureAwait(false) != publish)
            {
                _ = publish.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                return;
            }

            await publish.ConfigureAwait(false);
        }
        catch (MqttConnectionClosedException)
        {
            // Reported again on the next connect.
        }
    }

    private async Task StateLoopAsync(CancellationToken stopping)
    {
        while (true)
        {
            var interval = TimeSpan.FromSeconds(_state.Settings is { } settings
                && settings.TryGetProperty("stateIntervalSeconds", out var value) && value.TryGetDouble(out var seconds) && seconds > 0
                ? seconds
                : _options.StateIntervalSeconds);
            await Task.Delay(interval, _services.Time, stopping).ConfigureAwait(false);
            await PublishStateAsync(stopping).ConfigureAwait(false);
            if (_client?.Options.Tls?.ClientCertificates is [X509Certificate2 certificate, ..])
            {
                // A long-lived connection outlives the renewal window: look again at every state report.
                _renewalDue |= CertificateRenewer.IsDue(certificate, _services.Time.GetUtcNow());
            }

            await RenewIfDueAsync(stopping).ConfigureAwait(false);
        }
    }
}
