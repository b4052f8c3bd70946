using Xunit;
using Xunit.Sdk;

namespace Visco.TestKit;

/// <summary>
/// A fact declared once on an abstract test class and run by each storage-provider subclass. xunit 2 cannot skip from
/// inside a test, so the discoverer looks at the concrete class: one marked <see cref="RequiresPostgresAttribute"/>
/// has its tests skipped with <see cref="PostgresFactAttribute"/>'s reason when PostgreSQL is unreachable outside CI.
/// </summary>
[XunitTestCaseDiscoverer("Visco.TestKit.ProviderFactDiscoverer", "Visco.TestKit")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ProviderFactAttribute : FactAttribute;
