using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Visco.Model.Files;
using Visco.Model.Simulation;

namespace Visco.Model.Tests;

public sealed class ModelFileTests(TrainedModelFixture fixture) : IClassFixture<TrainedModelFixture>
{
    private byte[] Saved()
    {
        using var stream = new MemoryStream();
        ModelFile.Save(fixture.Model, stream);
        return stream.ToArray();
    }

    private static ViscosityModel LoadBytes(byte[] bytes) => ModelFile.Load(new MemoryStream(bytes));

    // Rewrites the JSON header and recomputes both hashes, as a different (future or foreign) writer would.
    private static byte[] WithHeader(byte[] file, Action<JsonObject> edit)
    {
        var headerLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(10));
        var header = JsonNode.Parse(file.AsSpan(14, headerLength))!.AsObject();
        edit(header);
        var newHeader = Encoding.UTF8.GetBytes(header.ToJsonString());
        var payload = file.AsSpan(14 + headerLength, file.Length - 32 - 14 - headerLength).ToArray();
        var body = new byte[14 + newHeader.Length + payload.Length];
        file.AsSpan(0, 14).CopyTo(body);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(10), (uint)newHeader.Length);
        newHeader.CopyTo(body, 14);
        payload.CopyTo(body, 14 + newHeader.Length);
        return [.. body, .. SHA256.HashData(body)];
    }

    [Fact]
    public void SaveLoad_RoundTrip_IdenticalPredictions()
    {
        var loaded = LoadBytes(Saved());
        Assert.Equal(fixture.Model.Metadata.ModelVersion, loaded.Metadata.ModelVersion);
        Assert.Equal(fixture.Model.Metadata.CreatedAt, loaded.Metadata.CreatedAt);
        Assert.Equal(fixture.Model.Metadata.Metrics, loaded.Metadata.Metrics);
        Assert.Equal(fixture.Model.ClassifierTemperature, loaded.ClassifierTemperature);
        foreach (var m in new BloodSimulator(77).Generate(500))
        {
            var a = fixture.Model.Predict(m.Sweep);
            var b = loaded.Predict(m.Sweep);
            Assert.Equal(a.LowShearViscosity37, b.LowShearViscosity37);
            Assert.Equal(a.HighShearViscosity37, b.HighShearViscosity37);
            Assert.Equal(a.Class, b.Class);
            Assert.Equal(a.Confidence, b.Confidence);
            Assert.Equal(a.Flags, b.Flags);
        }
    }

    [Fact]
    public void SaveLoad_File_RoundTripsThroughPath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"visco-model-{Guid.NewGuid():N}.vmodel");
        try
        {
            ModelFile.Save(fixture.Model, path);
            Assert.False(File.Exists(path + ".tmp"));
            Assert.Equal(fixture.Model.Classifier.NodeCount, ModelFile.Load(path).Classifier.NodeCount);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ReadInfo_DescribesModel()
    {
        var info = ModelFile.ReadInfo(new MemoryStream(Saved()));
        Assert.Equal(ModelFile.FormatVersion, info.FormatVersion);
        Assert.Equal("test-1", info.Metadata.ModelVersion);
        Assert.Equal("visco-sweep/v1", info.Schema.Id);
        Assert.Equal(64, info.ContentSha256.Length);
        Assert.Equal(15_000, info.Metadata.TrainingSampleCount);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(-100)]
    [InlineData(-1)]
    public void Load_FlippedByte_RefusedAsCorrupt(int position)
    {
        var file = Saved();
        var index = position >= 0 ? position : file.Length + position;
        file[index] ^= 0x5A;
        Assert.Throws<ModelFileCorruptException>(() => LoadBytes(file));
    }

    [Fact]
    public void Load_Truncated_RefusedAsCorrupt()
    {
        var file = Saved();
        Assert.Throws<ModelFileCorruptException>(() => LoadBytes(file[..(file.Length / 2)]));
        Assert.Throws<ModelFileCorruptException>(() => LoadBytes(file[..10]));
        Assert.Throws<ModelFileCorruptException>(() => LoadBytes("not a model file at all, just some text"u8.ToArray()));
    }

    [Fact]
    public void Load_TamperedPayloadWithFreshFileHash_RefusedAsCorrupt()
    {
        var file = WithHeader(Saved(), h => h["payloadSha256"] = new string('0', 64));
        Assert.Throws<ModelFileCorruptException>(() => LoadBytes(file));
    }

    [Fact]
    public void Load_OtherSchemaVersion_RefusedWithClearMessage()
    {
        var file = WithHeader(Saved(), h => h["schemaVersion"] = 2);
        var e = Assert.Throws<FeatureSchemaMismatchException>(() => LoadBytes(file));
        Assert.Contains("visco-sweep/v2", e.Message, StringComparison.Ordinal);
        Assert.Contains("visco-sweep/v1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RenamedFeature_RefusedNamingIt()
    {
        var file = WithHeader(Saved(), h => h["featureNames"]![3] = "ln_max_rate_renamed");
        var e = Assert.Throws<FeatureSchemaMismatchException>(() => LoadBytes(file));
        Assert.Contains("ln_max_rate_renamed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FutureFormatVersion_Refused()
    {
        var file = Saved();
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(8), 9);
        var e = Assert.Throws<UnsupportedModelFormatException>(() => LoadBytes(file));
        Assert.Equal(9, e.FileFormatVersion);
    }
}
