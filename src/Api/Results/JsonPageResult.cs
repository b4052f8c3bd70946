using System.Buffers;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Visco.Grains.Interfaces.Results;

namespace Visco.Api.Results;

/// <summary>
/// A <see cref="ResultPage"/> the store already wrote as JSON (<see cref="IResultStore.WriteDevicePageAsync"/>) into
/// pooled memory, sent as it is: 200 with the same body and content type as <c>Ok&lt;ResultPage&gt;</c>, and the
/// same OpenAPI description. The memory goes back to the pool when the response is done with it (the caller
/// registers the result for disposal), whether it was sent or replaced by an error.
/// </summary>
public sealed class JsonPageResult : IResult, IStatusCodeHttpResult, IContentTypeHttpResult, IEndpointMetadataProvider, IBufferWriter<byte>, IDisposable
{
    private const string Json = "application/json; charset=utf-8";
    private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
    private int _written;

    /// <inheritdoc />
    public int? StatusCode => StatusCodes.Status200OK;

    /// <inheritdoc />
    public string ContentType => Json;

    /// <summary>The JSON written so far.</summary>
    public ReadOnlyMemory<byte> Written => (_buffer ?? throw new ObjectDisposedException(nameof(JsonPageResult))).AsMemory(0, _written);

    /// <inheritdoc />
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(ResultPage), ["application/json"]));
    }

    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var body = Written;
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = Json;
        httpContext.Response.ContentLength = body.Length;
        return httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
    }

    /// <inheritdoc />
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Capacity - _written);
        _written += count;
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0) => Reserve(sizeHint).AsMemory(_written);

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0) => Reserve(sizeHint).AsSpan(_written);

    /// <summary>Returns the memory to the pool.</summary>
    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private int Capacity => _buffer?.Length ?? 0;

    private byte[] Reserve(int sizeHint)
    {
        var buffer = _buffer ?? throw new ObjectDisposedException(nameof(JsonPageResult));
        var needed = _written + Math.Max(sizeHint, 1);
        if (needed <= buffer.Length)
        {
            return buffer;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, buffer.Length * 2));
        buffer.AsSpan(0, _written).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return _buffer = larger;
    }
}
