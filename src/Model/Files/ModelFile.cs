using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Visco.Model.Evaluation;
using Visco.Model.Features;

namespace Visco.Model.Files;

/// <summary>
/// Reads and writes model files. Layout (little-endian):
/// <c>"VISCOMDL"</c> magic (8 bytes) | format version (u16) | header length (u32) | JSON header (UTF-8) |
/// payload: classifier temperature (f64) then the low-shear, high-shear and classifier ensembles |
/// SHA-256 of everything before it (32 bytes).
/// The JSON header makes the file self-describing (model version, schema, training data, metrics, payload hash);
/// the binary payload keeps loading in the millisecond range.
/// </summary>
public static class ModelFile
{
    /// <summary>The format version this build writes and reads.</summary>
    public const int FormatVersion = 1;

    private const int PrefixLength = 14;
    private const int HashLength = 32;
    private static readonly byte[] Magic = "VISCOMDL"u8.ToArray();

    /// <summary>Writes <paramref name="model"/> to <paramref name="stream"/>.</summary>
    public static void Save(ViscosityModel model, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(stream);
        var payload = WritePayload(model);
        var header = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(CreateHeader(model, payload), ModelFileJsonContext.Default.ModelFileHeader));
        using var buffer = new MemoryStream(PrefixLength + header.Length + payload.Length + HashLength);
        buffer.Write(Magic);
        Span<byte> prefix = stackalloc byte[6];
        BinaryPrimitives.WriteUInt16LittleEndian(prefix, FormatVersion);
        BinaryPrimitives.WriteUInt32LittleEndian(prefix[2..], (uint)header.Length);
        buffer.Write(prefix);
        buffer.Write(header);
        buffer.Write(payload);
        buffer.Write(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
        buffer.Position = 0;
        buffer.CopyTo(stream);
    }

    /// <summary>Writes <paramref name="model"/> to a file, through a temporary name so readers never see half a file.</summary>
    public static void Save(ViscosityModel model, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var temporary = path + ".tmp";
        using (var file = File.Create(temporary))
        {
            Save(model, file);
            file.Flush(true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// Loads a model, refusing a corrupt file (<see cref="ModelFileCorruptException"/>), an unknown format
    /// (<see cref="UnsupportedModelFormatException"/>) or a model trained on another feature schema than this build
    /// extracts (<see cref="FeatureSchemaMismatchException"/>).
    /// </summary>
    public static ViscosityModel Load(Stream stream)
    {
        var (info, header, payload) = Parse(ReadAll(stream));
        var expected = SweepFeatures.Schema;
        if (!info.Schema.IsCompatibleWith(expected))
        {
            throw new FeatureSchemaMismatchException(expected, info.Schema);
        }

        if (header.LowShearBaseFeature != expected.FeatureNames[FeatureIndex.LnLowShearFit]
            || header.HighShearBaseFeature != expected.FeatureNames[FeatureIndex.LnHighShearFit])
        {
            throw new FeatureSchemaMismatchException(expected, info.Schema);
        }

        try
        {
            using var reader = new BinaryReader(new MemoryStream(payload, writable: false));
            var temperature = reader.ReadDouble();
            var low = TreeEnsembleCodec.Read(reader);
            var high = TreeEnsembleCodec.Read(reader);
            var classifier = TreeEnsembleCodec.Read(reader);
            if (reader.BaseStream.Position != payload.Length)
            {
                throw new ModelFileCorruptException("The model file has trailing bytes after the trees.");
            }

            return new ViscosityModel(info.Schema, low, high, classifier, temperature, info.Metadata);
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException)
        {
            throw new ModelFileCorruptException($"The model file's trees are malformed: {e.Message}", e);
        }
    }

    /// <summary>Loads a model from a file path; see <see cref="Load(Stream)"/>.</summary>
    public static ViscosityModel Load(string path)
    {
        using var file = File.OpenRead(path);
        return Load(file);
    }

    /// <summary>Reads and verifies what a file declares, without checking its schema against this build.</summary>
    public static ModelFileInfo ReadInfo(Stream stream) => Parse(ReadAll(stream)).Info;

    private static byte[] ReadAll(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static (ModelFileInfo Info, ModelFileHeader Header, byte[] Payload) Parse(byte[] file)
    {
        if (file.Length < PrefixLength + HashLength || !file.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new ModelFileCorruptException("Not a ViscoOrleans model file (bad magic or too short).");
        }

        int version = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(8));
        if (version != FormatVersion)
        {
            throw new UnsupportedModelFormatException(version);
        }

        var body = file.AsSpan(0, file.Length - HashLength);
        var fileHash = SHA256.HashData(body);
        if (!fileHash.AsSpan().SequenceEqual(file.AsSpan(file.Length - HashLength)))
        {
            throw new ModelFileCorruptException("The model file's SHA-256 does not match its content; the file is corrupt.");
        }

        var headerLength = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(10));
        if (headerLength > (uint)(body.Length - PrefixLength))
        {
            throw new ModelFileCorruptException("The model file's header length runs past its end.");
        }

        var header = ParseHeader(body.Slice(PrefixLength, (int)headerLength));
        var payload = body[(PrefixLength + (int)headerLength)..].ToArray();
        var payloadHash = Convert.ToHexStringLower(SHA256.HashData(payload));
        if (payload.Length != header.PayloadLength || payloadHash != header.PayloadSha256)
        {
            throw new ModelFileCorruptException("The model file's payload does not match the length and SHA-256 its header declares.");
        }

        var schema = new FeatureSchema(header.SchemaName, header.SchemaVersion, header.FeatureNames);
        var metadata = new ModelMetadata(
            header.ModelVersion,
            header.CreatedAt,
            header.TrainingDataSource,
            header.TrainingSampleCount,
            header.TrainingDataFrom,
            header.TrainingDataTo,
            header.Metrics);
        var info = new ModelFileInfo(version, metadata, schema, payloadHash, Convert.ToHexStringLower(fileHash));
        return (info, header, payload);
    }

    private static ModelFileHeader ParseHeader(ReadOnlySpan<byte> json)
    {
        try
        {
            var header = JsonSerializer.Deserialize(json, ModelFileJsonContext.Default.ModelFileHeader)
                ?? throw new ModelFileCorruptException("The model file's header is empty.");
            if (string.IsNullOrWhiteSpace(header.ModelVersion) || string.IsNullOrWhiteSpace(header.SchemaName) || header.SchemaVersion < 1)
            {
                throw new ModelFileCorruptException("The model file's header lacks a model version or schema.");
            }

            return header;
        }
        catch (JsonException e)
        {
            throw new ModelFileCorruptException($"The model file's header is not valid JSON: {e.Message}", e);
        }
    }

    private static byte[] WritePayload(ViscosityModel model)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(model.ClassifierTemperature);
            TreeEnsembleCodec.Write(writer, model.LowShear);
            TreeEnsembleCodec.Write(writer, model.HighShear);
            TreeEnsembleCodec.Write(writer, model.Classifier);
        }

        return buffer.ToArray();
    }

    private static ModelFileHeader CreateHeader(ViscosityModel model, byte[] payload)
    {
        var m = model.Metadata;
        return new ModelFileHeader
        {
            FormatVersion = FormatVersion,
            ModelVersion = m.ModelVersion,
            CreatedAt = m.CreatedAt,
            SchemaName = model.Schema.Name,
            SchemaVersion = model.Schema.Version,
            FeatureNames = [.. model.Schema.FeatureNames],
            StackedFeatures = ["predicted_ln_visc_low", "predicted_ln_visc_high"],
            Classes = [.. ModelEvaluator.ClassNames],
            LowShearBaseFeature = model.Schema.FeatureNames[FeatureIndex.LnLowShearFit],
            HighShearBaseFeature = model.Schema.FeatureNames[FeatureIndex.LnHighShearFit],
            TrainingDataSource = m.TrainingDataSource,
            TrainingSampleCount = m.TrainingSampleCount,
            TrainingDataFrom = m.TrainingDataFrom,
            TrainingDataTo = m.TrainingDataTo,
            Metrics = new Dictionary<string, double>(m.Metrics),
            PayloadLength = payload.Length,
            PayloadSha256 = Convert.ToHexStringLower(SHA256.HashData(payload)),
        };
    }
}
