namespace Visco.MqttFrontDoor.Sessions;

/// <summary>One subscription of a session, as granted.</summary>
/// <param name="Filter">The topic filter.</param>
/// <param name="QualityOfService">The granted maximum QoS.</param>
/// <param name="NoLocal">MQTT 5 No Local.</param>
/// <param name="RetainAsPublished">MQTT 5 Retain As Published.</param>
/// <param name="SubscriptionIdentifier">MQTT 5 Subscription Identifier; 0 when none.</param>
public sealed record StoredSubscription(string Filter, int QualityOfService, bool NoLocal, bool RetainAsPublished, uint SubscriptionIdentifier);
