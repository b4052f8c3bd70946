using System.Security.Cryptography.X509Certificates;
using System.Text;
using Visco.Firmware.Configuration;
using Visco.Mqtt;
using Visco.Mqtt.Client;
using Visco.Mqtt.Packets;

namespace Visco.Firmware.Agent;

/// <summary>Builds the MQTT client options of the agent and of provisioning from the configuration.</summary>
internal static class MqttOptionsFactory
{
    /// <summary>
    /// Options for one protocol version. <paramref name="clientCertificate"/> is used for mutual TLS. A persistent session
    /// is resumed only when <paramref name="resumeSession"/>; otherwise the connect has clean start and starts a new one.
    /// </summary>
    public static MqttClientOptions Create(
        AgentOptions agent,
        MqttProtocolVersion version,
        string? userName,
        string? password,
        X509Certificate2? clientCertificate,
        MqttWillMessage? will,
        bool persistentSession,
        TimeProvider time,
        bool resumeSession = true)
    {
        var broker = agent.Broker;
        var options = new MqttClientOptions
        {
            Host = broker.Host,
            Port = broker.Port,
            ProtocolVersion = version,
            ClientId = agent.DeviceId,
            CleanStart = !persistentSession || !resumeSession,
            SessionExpiryInterval = persistentSession && version == MqttProtocolVersion.V500 ? broker.SessionExpirySeconds : 0,
            UserName = userName,
            Password = password is null ? null : Encoding.UTF8.GetBytes(password),
            KeepAlive = TimeSpan.FromSeconds(broker.KeepAliveSeconds),
            Will = will,
            TimeProvider = time,
            OutgoingQueueCapacity = 64,
            IncomingQueueCapacity = 64,
        };
        if (broker.Tls)
        {
            var tls = new MqttClientTlsOptions { TargetHost = broker.TargetHost };
            if (broker.CaCertificateFile is not null)
            {
                var authorities = new X509Certificate2Collection();
                authorities.ImportFromPemFile(broker.CaCertificateFile);
                tls.TrustedCertificateAuthorities = authorities;
            }

            if (clientCertificate is not null)
            {
                tls.ClientCertificates = [clientCertificate];
            }

            options.Tls = tls;
        }

        return options;
    }

    /// <summary>
    /// Whether a failed MQTT 5 connect means the broker speaks only 3.1.1: it refused with Unsupported protocol version
    /// (0x84), or, as an MQTT 3.1.1 server does, answered with return code 1, which an MQTT 5 reader cannot parse.
    /// </summary>
    public static bool MeansVersionUnsupported(Exception exception) => exception switch
    {
        MqttConnectionRefusedException refused => refused.ReasonCode == MqttConnectReasonCode.UnsupportedProtocolVersion,
        MqttProtocolViolationException => true,
        _ => false,
    };
}
