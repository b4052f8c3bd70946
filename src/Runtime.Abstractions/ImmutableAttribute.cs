namespace Visco.Runtime.Abstractions;

/// <summary>
/// Values of this type are never modified once created (Orleans' <c>[Immutable]</c>), so the runtime may hand one
/// instance to several receivers instead of a copy each: a durable stream event of such a type is read back once per
/// silo and shared by all the subscribers it is delivered to. A receiver that changed it would change it for all.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class ImmutableAttribute : Attribute;
