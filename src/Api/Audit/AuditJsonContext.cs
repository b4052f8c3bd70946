using System.Text.Json.Serialization;
using Visco.Grains.Interfaces.Api;

namespace Visco.Api.Audit;

/// <summary>Source-generated JSON for audit lines (a stable, compact shape).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(AuditEntry))]
internal sealed partial class AuditJsonContext : JsonSerializerContext;
