namespace Visco.Lake.Storage;

/// <summary>Settings of the S3-compatible lake bucket (AWS S3, MinIO, Ceph, s3rver).</summary>
public sealed record S3LakeStoreOptions
{
    /// <summary>The bucket.</summary>
    public string Bucket { get; init; } = string.Empty;

    /// <summary>A key prefix inside the bucket (e.g. <c>prod/</c>); empty for the bucket root.</summary>
    public string KeyPrefix { get; init; } = string.Empty;

    /// <summary>The endpoint of an S3-compatible service (e.g. <c>http://127.0.0.1:9000</c>); null for AWS itself.</summary>
    public Uri? ServiceUrl { get; init; }

    /// <summary>The region (signing region for compatible services).</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>Path-style addressing (<c>host/bucket/key</c>), which most S3-compatible servers need.</summary>
    public bool ForcePathStyle { get; init; } = true;

    /// <summary>The access key id; null to use the SDK's default credential chain (environment, instance role).</summary>
    public string? AccessKey { get; init; }

    /// <summary>The secret key matching <see cref="AccessKey"/>.</summary>
    public string? SecretKey { get; init; }

    /// <summary>Throws with a message saying how to fix the setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Bucket))
        {
            throw new ArgumentException("Lake:S3:Bucket is empty; set the bucket name of the lake");
        }

        if ((AccessKey is null) != (SecretKey is null))
        {
            throw new ArgumentException("Lake:S3:AccessKey and Lake:S3:SecretKey must be set together (or both left out)");
        }

        if (KeyPrefix.Length > 0 && !KeyPrefix.EndsWith('/'))
        {
            throw new ArgumentException($"Lake:S3:KeyPrefix '{KeyPrefix}' must end with '/'");
        }

        if (ServiceUrl is { IsAbsoluteUri: false })
        {
            throw new ArgumentException($"Lake:S3:ServiceUrl '{ServiceUrl}' must be an absolute URL such as http://127.0.0.1:9000");
        }
    }
}
