namespace Visco.Grains.Interfaces.Models;

/// <summary>A model file offered to the registry cannot be loaded (damaged, another format or feature schema).</summary>
public sealed class InvalidModelFileException(string message, Exception? inner = null) : InvalidOperationException(message, inner);
