using Visco.Mqtt.Packets;

namespace Visco.MqttFrontDoor.Sessions;

/// <summary>What a session needs of the connection it is attached to.</summary>
internal interface IMqttSessionSink
{
    /// <summary>The client's Receive Maximum: QoS 1/2 publishes it accepts unacknowledged.</summary>
    int SendQuota { get; }

    /// <summary>Queues a PUBLISH for the socket.</summary>
    MqttSendResult TrySendPublish(MqttPublishPacket publish);

    /// <summary>Queues an acknowledgement ahead of data.</summary>
    void SendControl(MqttPacket packet);

    /// <summary>Closes the connection because another one took its session over.</summary>
    void TakeOver();

    /// <summary>Closes the connection because the server ended its session (the device was cut off): 0x87, no will.</summary>
    void CutOff(string reason);
}
