using System.Reflection;

namespace Visco.Silo.Hosting;

/// <summary>An assembly whose grain classes the silo hosts; register one per assembly in the service collection.</summary>
public sealed record GrainAssembly(Assembly Assembly);
