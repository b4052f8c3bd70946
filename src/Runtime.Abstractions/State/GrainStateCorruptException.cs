namespace Visco.Runtime.Abstractions.State;

/// <summary>A stored state record could not be read back as its type; the record is left untouched for inspection.</summary>
public sealed class GrainStateCorruptException(string message, Exception? inner) : Exception(message, inner);
