namespace Visco.Runtime.Abstractions;

/// <summary>A grain identified by a 64-bit integer key.</summary>
public interface IGrainWithIntegerKey : IGrain;
