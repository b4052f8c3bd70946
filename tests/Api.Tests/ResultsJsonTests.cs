using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Visco.Api.Results;
using Visco.Api.Tests.Hosting;
using Visco.Grains.Interfaces.Results;

namespace Visco.Api.Tests;

/// <summary>The source-generated metadata for results writes exactly what the reflection resolver wrote.</summary>
public sealed class ResultsJsonTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    [Fact]
    public void Serialize_PageWithEveryKindOfValue_SameBytesAsReflection()
    {
        var api = fixture.Host.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        // The API's settings (encoder, naming, converters) with the reflection resolver alone.
        var reflection = new JsonSerializerOptions(api) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

        var at = new DateTimeOffset(2026, 3, 1, 12, 0, 0, 123, TimeSpan.Zero);
        var page = new ResultPage(
        [
            new StoredResult("h-a", "dev-ü", "s-1", at, at.AddTicks(1), at.AddSeconds(1), "v7", "sha256:00", 5.25, 0.30000000000000004, "elevated",
                0.875, ["drift", "quote \" <tag> ü"], 36.85, 0.4, "fw", [0.1, 1e-7, 5e300], [-0.0, 2.5]),
            new StoredResult("h-a", "dev-1", "s-2", at, at, at, "v7", "sha256:01", null, null, "invalid-sample", 0.5, [], 37, null, null, [], []),
        ], "next-cursor");

        var chain = api.TypeInfoResolverChain.ToList();
        var generated = chain.FindIndex(r => r is ResultsJsonContext);
        var byReflection = chain.FindIndex(r => r is DefaultJsonTypeInfoResolver);
        Assert.InRange(generated, 0, byReflection < 0 ? int.MaxValue : byReflection - 1);
        Assert.Equal(JsonSerializer.Serialize(page, reflection), JsonSerializer.Serialize(page, api));
        Assert.Equal(
            JsonSerializer.Serialize<IReadOnlyList<StoredResult>>(page.Items, reflection),
            JsonSerializer.Serialize<IReadOnlyList<StoredResult>>(page.Items, api));
    }
}
