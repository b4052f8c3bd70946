using System.Net;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Visco.Lake.Storage;

/// <summary>
/// A lake in an S3-compatible bucket. The file is produced into a local spool first and sent with one PutObject,
/// which S3 makes visible atomically and only when complete; a failed write never sends anything. Reads download the
/// object into memory so that Parquet readers get a seekable stream (lake files are bounded by their row groups).
/// </summary>
public sealed class S3LakeStore : ILakeStore, IDisposable
{
    private readonly IAmazonS3 _client;
    private readonly bool _ownsClient;
    private readonly string _bucket;
    private readonly string _keyPrefix;

    /// <summary>Creates a store with its own client from <paramref name="options"/>.</summary>
    public S3LakeStore(S3LakeStoreOptions options)
        : this(CreateClient(options), options.Bucket, options.KeyPrefix, ownsClient: true)
    {
    }

    /// <summary>Creates a store over an existing client (not disposed by the store).</summary>
    public S3LakeStore(IAmazonS3 client, string bucket, string keyPrefix = "")
        : this(client, bucket, keyPrefix, ownsClient: false)
    {
    }

    private S3LakeStore(IAmazonS3 client, string bucket, string keyPrefix, bool ownsClient)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        _client = client;
        _bucket = bucket;
        _keyPrefix = keyPrefix ?? string.Empty;
        _ownsClient = ownsClient;
    }

    /// <summary>Creates the bucket if it does not exist (development servers; production buckets are provisioned).</summary>
    public async Task EnsureBucketAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await _client.PutBucketAsync(new PutBucketRequest { BucketName = _bucket }, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
        {
            // Present already: nothing to do.
        }
    }

    /// <inheritdoc />
    public async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        LakePathRules.RequireObjectPath(path);
        var spoolPath = Path.Combine(Path.GetTempPath(), $"{LakePathRules.TempPrefix}{Guid.NewGuid():N}");
        var spool = new FileStream(spoolPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await using (spool.ConfigureAwait(false))
        {
            try
            {
                await write(spool, cancellationToken).ConfigureAwait(false);
                spool.Position = 0;
                var request = new PutObjectRequest
                {
                    BucketName = _bucket,
                    Key = _keyPrefix + path,
                    InputStream = spool,
                    AutoCloseStream = false,
                    UseChunkEncoding = false,
                    ContentType = path.EndsWith(".parquet", StringComparison.Ordinal) ? "application/vnd.apache.parquet" : "application/octet-stream",
                };
                await _client.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e) when (e is not LakeStorageException)
            {
                var diskFull = LakePathRules.IsDiskFull(e);
                throw new LakeStorageException(path, $"{(diskFull ? "local spool disk full" : "write failed")}; nothing was uploaded ({e.Message})", e)
                {
                    IsDiskFull = diskFull,
                };
            }
            catch (AmazonServiceException e)
            {
                throw new LakeStorageException(path, $"upload to bucket '{_bucket}' failed: {e.Message}", e);
            }
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<LakeObject>> ListAsync(string prefix, CancellationToken cancellationToken = default)
    {
        LakePathRules.RequirePrefix(prefix);
        var result = new List<LakeObject>();
        var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = _keyPrefix + prefix };
        try
        {
            while (true)
            {
                var response = await _client.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
                foreach (var item in response.S3Objects ?? [])
                {
                    var path = item.Key[_keyPrefix.Length..];
                    if (!Path.GetFileName(path).StartsWith(LakePathRules.TempPrefix, StringComparison.Ordinal))
                    {
                        var modified = item.LastModified is { } m ? new DateTimeOffset(m.ToUniversalTime(), TimeSpan.Zero) : DateTimeOffset.MinValue;
                        result.Add(new LakeObject(path, item.Size ?? 0, modified));
                    }
                }

                if (response.IsTruncated != true || string.IsNullOrEmpty(response.NextContinuationToken))
                {
                    break;
                }

                request.ContinuationToken = response.NextContinuationToken;
            }
        }
        catch (AmazonServiceException e)
        {
            throw new LakeStorageException(prefix, $"listing bucket '{_bucket}' failed: {e.Message}", e);
        }

        result.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return result;
    }

    /// <inheritdoc />
    public async Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken = default)
    {
        LakePathRules.RequireObjectPath(path);
        try
        {
            using var response = await _client.GetObjectAsync(_bucket, _keyPrefix + path, cancellationToken).ConfigureAwait(false);
            var copy = new MemoryStream();
            await response.ResponseStream.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
            copy.Position = 0;
            return copy;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new LakeObjectNotFoundException(path, e);
        }
        catch (AmazonServiceException e)
        {
            throw new LakeStorageException(path, $"download from bucket '{_bucket}' failed: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public async Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default)
    {
        LakePathRules.RequireObjectPath(path);
        try
        {
            await _client.GetObjectMetadataAsync(_bucket, _keyPrefix + path, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string path, CancellationToken cancellationToken = default)
    {
        LakePathRules.RequireObjectPath(path);
        try
        {
            await _client.DeleteObjectAsync(_bucket, _keyPrefix + path, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException e)
        {
            throw new LakeStorageException(path, $"delete from bucket '{_bucket}' failed: {e.Message}", e);
        }
    }

    /// <summary>Disposes the client if the store created it.</summary>
    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    private static AmazonS3Client CreateClient(S3LakeStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            AuthenticationRegion = options.Region,

            // S3-compatible servers often reject the SDK's default trailing checksums on every request.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (options.ServiceUrl is not null)
        {
            config.ServiceURL = options.ServiceUrl.ToString();
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }

        return options.AccessKey is null
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }
}
