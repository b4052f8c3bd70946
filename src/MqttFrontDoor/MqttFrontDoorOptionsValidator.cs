using Microsoft.Extensions.Options;

namespace Visco.MqttFrontDoor;

/// <summary>Checks <see cref="MqttFrontDoorOptions"/> at start-up; every message says how to fix the setting.</summary>
public sealed class MqttFrontDoorOptionsValidator : IValidateOptions<MqttFrontDoorOptions>
{
    /// <summary>Validates the options.</summary>
    public ValidateOptionsResult Validate(string? name, MqttFrontDoorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        const string P = MqttFrontDoorOptions.SectionName + ":";
        if (options.Mode == MqttFrontDoorMode.Open && (options.RequireClientCertificate || options.DeviceCaDirectory is not null))
        {
            errors.Add($"{P}Mode=Open (general test broker) cannot run with TLS client authentication: remove {P}DeviceCaDirectory and {P}RequireClientCertificate, or use Mode=Device.");
        }

        if (options.RequireClientCertificate && options.DeviceCaDirectory is null)
        {
            errors.Add($"{P}RequireClientCertificate needs {P}DeviceCaDirectory (create one with the silo's create-device-ca verb).");
        }

        if (options.TcpPort > 65535 || options.TlsPort > 65535)
        {
            errors.Add($"{P}TcpPort and {P}TlsPort must be 0..65535 (0 = any free port, negative = disabled).");
        }

        if (options.TcpPort < 0 && options.TlsPort < 0)
        {
            errors.Add($"{P}TcpPort and {P}TlsPort are both disabled: enable at least one (e.g. TcpPort=1883).");
        }

        if ((options.ServerCertificatePath is null) != (options.ServerCertificateKeyPath is null))
        {
            errors.Add($"{P}ServerCertificatePath and {P}ServerCertificateKeyPath go together (PEM certificate and PEM key); set both or neither.");
        }

        if (options.ListenAddress is not ("localhost" or "any") && !System.Net.IPAddress.TryParse(options.ListenAddress, out _))
        {
            errors.Add($"{P}ListenAddress must be \"localhost\", \"any\" or an IP address, not \"{options.ListenAddress}\".");
        }

        Range(errors, options.MaxConnections, 1, 1_000_000, "MaxConnections", "20000");
        Range(errors, options.MaxPacketSize, 64, 268_435_460, "MaxPacketSize", "262144");
        Range(errors, options.MaxConnectPacketSize, 64, 1 << 20, "MaxConnectPacketSize", "16384");
        Range(errors, options.ReceiveMaximum, 1, 65535, "ReceiveMaximum", "64");
        Range(errors, options.MaxQueuedMessages, 1, 1_000_000, "MaxQueuedMessages", "1000");
        Range(errors, options.OutgoingQueueCapacity, 8, 1_000_000, "OutgoingQueueCapacity", "1000");
        Range(errors, options.MaxSubscriptionsPerClient, 1, 10_000, "MaxSubscriptionsPerClient", "32");
        Range(errors, options.PublishBurst, 1, 1_000_000, "PublishBurst", "200");
        Range(errors, options.ConnectsPerMinutePerClientId, 1, 1_000_000, "ConnectsPerMinutePerClientId", "60");
        Range(errors, options.TopicAliasMaximum, 0, 65535, "TopicAliasMaximum", "16");
        if (options.ServerKeepAliveSeconds is { } keepAlive)
        {
            Range(errors, keepAlive, 0, 65535, "ServerKeepAliveSeconds", "60");
        }

        if (!(options.PublishesPerSecond > 0))
        {
            errors.Add($"{P}PublishesPerSecond must be positive, e.g. 100.");
        }

        if (options.ConnectTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{P}ConnectTimeout must be positive, e.g. 00:00:10.");
        }

        if (options.MaxSessionExpiry < TimeSpan.Zero || options.MaxSessionExpiry.TotalSeconds > uint.MaxValue)
        {
            errors.Add($"{P}MaxSessionExpiry must be between 00:00:00 and about 136 years, e.g. 7.00:00:00.");
        }

        if (options.IssuedCertificateValidity < TimeSpan.FromHours(1))
        {
            errors.Add($"{P}IssuedCertificateValidity must be at least an hour, e.g. 365.00:00:00.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Range(List<string> errors, int value, int min, int max, string name, string example)
    {
        if (value < min || value > max)
        {
            errors.Add($"{MqttFrontDoorOptions.SectionName}:{name} must be between {min} and {max}, e.g. {example}; it is {value}.");
        }
    }
}
