using Microsoft.AspNetCore.Http;
using Visco.Api.Results;

namespace Visco.Api.Tests;

public sealed class JsonPageResultTests
{
    [Fact]
    public async Task ExecuteAsync_MoreThanTheFirstBuffer_SendsEveryByteAsJson()
    {
        var expected = new byte[100_000];
        new Random(7).NextBytes(expected);
        using var result = new JsonPageResult();
        for (var at = 0; at < expected.Length;)
        {
            var chunk = Math.Min(3_001, expected.Length - at);
            expected.AsSpan(at, chunk).CopyTo(result.GetSpan(chunk));
            result.Advance(chunk);
            at += chunk;
        }

        var http = new DefaultHttpContext();
        using var body = new MemoryStream();
        http.Response.Body = body;
        await result.ExecuteAsync(http);

        Assert.Equal(expected, body.ToArray());
        Assert.Equal((200, "application/json; charset=utf-8", 100_000L), (http.Response.StatusCode, http.Response.ContentType, http.Response.ContentLength));
        Assert.Equal(200, result.StatusCode);
    }

    [Fact]
    public void Dispose_Twice_ThenWritingRefused()
    {
        var result = new JsonPageResult();
        result.Dispose();
        result.Dispose();

        Assert.Throws<ObjectDisposedException>(() => result.GetSpan());
        Assert.Throws<ObjectDisposedException>(() => result.Written);
    }

    [Fact]
    public void Advance_PastWhatWasReserved_Refused()
    {
        using var result = new JsonPageResult();
        var reserved = result.GetSpan(10).Length;

        Assert.Throws<ArgumentOutOfRangeException>(() => result.Advance(reserved + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => result.Advance(-1));
    }
}
