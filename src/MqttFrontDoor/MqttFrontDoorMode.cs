namespace Visco.MqttFrontDoor;

/// <summary>Who may connect and where publishes go.</summary>
public enum MqttFrontDoorMode
{
    /// <summary>
    /// The production mode: only registered devices (certificate or secret) and provisioning claims connect, each
    /// confined to its own topics; device publishes go to the domain's <c>IDeviceMessageHandler</c>.
    /// </summary>
    Device = 0,

    /// <summary>
    /// A general test broker: anonymous clients, open topics, publishes routed between subscribers. For conformance
    /// tools and generic clients only; refused at start-up when TLS client authentication is configured.
    /// </summary>
    Open = 1,
}
