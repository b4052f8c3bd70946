namespace Visco.Runtime.Storage.Tests;

/// <summary>Marks a test class whose inherited <see cref="StoreFactAttribute"/> tests need PostgreSQL.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresPostgresAttribute : Attribute
{
}
