namespace Visco.MqttFrontDoor.Security;

/// <summary>
/// Which topics an identity may touch (DESIGN.md §5). Devices: publish measurements, state and command replies,
/// subscribe to results and commands, all under their own id; claims: their provisioning topics only.
/// </summary>
public static class TopicAcl
{
    /// <summary>Whether the identity may publish to the topic.</summary>
    public static bool MayPublish(ClientIdentity identity, string topic)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(topic);
        return identity.Kind switch
        {
            ClientIdentityKind.Anonymous => true,
            ClientIdentityKind.Claim => topic == $"provisioning/{identity.ClientId}/csr",
            _ => ClassifyDeviceTopic(identity.ClientId, topic) is not null || topic == $"provisioning/{identity.ClientId}/csr",
        };
    }

    /// <summary>Whether the identity may subscribe to the filter.</summary>
    public static bool MaySubscribe(ClientIdentity identity, string filter)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(filter);
        var id = identity.ClientId;
        var provisioning = filter == $"provisioning/{id}/certificate" || filter == $"provisioning/{id}/error" || filter == $"provisioning/{id}/+";
        return identity.Kind switch
        {
            ClientIdentityKind.Anonymous => true,
            ClientIdentityKind.Claim => provisioning,
            _ => provisioning || filter == $"devices/{id}/results" || filter == $"devices/{id}/commands" || filter == $"devices/{id}/commands/+",
        };
    }

    /// <summary>
    /// What a device publish on its own topics is: "measurements", "state" or a command id for a reply; null when the
    /// topic is not one the device may publish to.
    /// </summary>
    public static DeviceTopic? ClassifyDeviceTopic(string deviceId, string topic)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        ArgumentNullException.ThrowIfNull(topic);
        var prefix = $"devices/{deviceId}/";
        if (!topic.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = topic.AsSpan(prefix.Length);
        if (rest is "measurements")
        {
            return new DeviceTopic(Grains.Interfaces.Ingress.DeviceMessageKind.Measurement, null);
        }

        if (rest is "state")
        {
            return new DeviceTopic(Grains.Interfaces.Ingress.DeviceMessageKind.State, null);
        }

        const string Commands = "commands/";
        const string Reply = "/reply";
        if (rest.StartsWith(Commands) && rest.EndsWith(Reply) && rest.Length > Commands.Length + Reply.Length)
        {
            var commandId = rest[Commands.Length..^Reply.Length];
            if (!commandId.Contains('/'))
            {
                return new DeviceTopic(Grains.Interfaces.Ingress.DeviceMessageKind.CommandReply, commandId.ToString());
            }
        }

        return null;
    }
}
