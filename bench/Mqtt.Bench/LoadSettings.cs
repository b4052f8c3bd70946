namespace Visco.Mqtt.Bench;

/// <summary>One load run.</summary>
/// <param name="Host">Broker host.</param>
/// <param name="Port">Broker port.</param>
/// <param name="Connections">Publishing connections.</param>
/// <param name="Rate">Total publishes per second (open loop), or 0 for flat out.</param>
/// <param name="Duration">Measured time.</param>
/// <param name="Window">Flat out: publishes in flight per connection.</param>
/// <param name="PayloadSize">Bytes per payload.</param>
/// <param name="DeviceAuth">Connect as bench devices (user dev-N, secret) and publish to their measurement topics.</param>
internal sealed record LoadSettings(string Host, int Port, int Connections, double Rate, TimeSpan Duration, int Window, int PayloadSize, bool DeviceAuth);
