using System.Text.Json.Serialization;

namespace Visco.Model.Files;

/// <summary>Source-generated serializer for <see cref="ModelFileHeader"/> (no reflection on the load path).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(ModelFileHeader))]
internal sealed partial class ModelFileJsonContext : JsonSerializerContext;
