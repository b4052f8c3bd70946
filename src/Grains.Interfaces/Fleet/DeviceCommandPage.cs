namespace Visco.Grains.Interfaces.Fleet;

/// <summary>One page of a device's commands.</summary>
/// <param name="Items">The commands, newest first.</param>
/// <param name="NextCursor">The cursor of the next page; null when this is the last.</param>
public sealed record DeviceCommandPage(IReadOnlyList<DeviceCommandRecord> Items, string? NextCursor);
