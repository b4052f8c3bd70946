namespace Visco.Runtime.Abstractions;

/// <summary>A grain identified by a Guid key.</summary>
public interface IGrainWithGuidKey : IGrain;
