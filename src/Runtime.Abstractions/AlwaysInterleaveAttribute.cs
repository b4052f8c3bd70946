namespace Visco.Runtime.Abstractions;

/// <summary>
/// This interface method may interleave with any other call of its grain (for read-only methods): it starts even
/// while a non-reentrant call is waiting at an await.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class AlwaysInterleaveAttribute : Attribute;
