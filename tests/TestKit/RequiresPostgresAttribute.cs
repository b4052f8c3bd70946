namespace Visco.TestKit;

/// <summary>Marks a test class whose inherited <see cref="ProviderFactAttribute"/> tests need PostgreSQL.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresPostgresAttribute : Attribute;
