namespace Visco.MqttFrontDoor.Sessions;

/// <summary>Grain state of <see cref="RetainedMessagesGrain"/>.</summary>
public sealed class RetainedMessagesState
{
    /// <summary>Retained messages by topic.</summary>
    public Dictionary<string, BrokerMessage> Messages { get; set; } = new(StringComparer.Ordinal);
}
