namespace Visco.Runtime.Abstractions;

/// <summary>Marker for grain interfaces: every method returns a Task or ValueTask and is called through a reference.</summary>
public interface IGrain;
