using Visco.Model.Features;

namespace Visco.Model.Files;

/// <summary>What a model file declares about itself, readable without building the model.</summary>
/// <param name="FormatVersion">File format version.</param>
/// <param name="Metadata">Model version, provenance and metrics.</param>
/// <param name="Schema">The feature schema the model was trained on.</param>
/// <param name="ContentSha256">Lower-case hex SHA-256 of the tree payload.</param>
/// <param name="FileSha256">Lower-case hex SHA-256 of the whole file before the trailing hash.</param>
public sealed record ModelFileInfo(int FormatVersion, ModelMetadata Metadata, FeatureSchema Schema, string ContentSha256, string FileSha256);
