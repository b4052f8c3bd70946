using Xunit.Sdk;

namespace Visco.Runtime.Storage.Tests;

/// <summary>
/// A fact declared once on <see cref="RuntimeStoreConformanceTests"/> and run for every provider subclass. xunit 2 has
/// no way to skip from inside a test, so the discoverer looks at the concrete class: one marked
/// <see cref="RequiresPostgresAttribute"/> gets its tests reported as skipped (with TestKit's reason) when PostgreSQL
/// is unreachable outside CI, exactly like TestKit's PostgresFact.
/// </summary>
[XunitTestCaseDiscoverer("Visco.Runtime.Storage.Tests.StoreFactDiscoverer", "Visco.Runtime.Storage.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute
{
}
