namespace Visco.Runtime.Abstractions.Storage;

/// <summary>A stored state record: its serialized bytes and the ETag of this version.</summary>
public sealed record StoredGrainState(byte[] Data, string ETag);
