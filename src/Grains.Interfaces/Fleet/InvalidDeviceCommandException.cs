namespace Visco.Grains.Interfaces.Fleet;

/// <summary>A command or configuration that cannot be issued as given; the message says what to change.</summary>
public sealed class InvalidDeviceCommandException(string message) : ArgumentException(message);
