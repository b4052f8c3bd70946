namespace Visco.Runtime.Abstractions;

/// <summary>
/// Calls to this grain may interleave at awaits (never run in parallel): a new call can start while another waits.
/// Opt-in, because interleaving lets a call observe state another call left half-changed across an await.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ReentrantAttribute : Attribute;
