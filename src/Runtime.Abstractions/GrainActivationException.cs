namespace Visco.Runtime.Abstractions;

/// <summary>A grain could not be activated (its constructor, state load or OnActivateAsync failed).</summary>
public sealed class GrainActivationException(string message, Exception? inner) : Exception(message, inner);
