using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Visco.Firmware.Messages;

namespace Visco.Firmware.Commands;

/// <summary>
/// Carries out <c>firmware-update {version, url, sha256}</c>: downloads the image over HTTPS into a staging file while
/// hashing it, compares the SHA-256 in constant time, and only then moves the image into <c>images/</c>. A mismatch
/// deletes the download and is refused; nothing about the running firmware changes until the caller switches.
/// </summary>
public sealed class FirmwareUpdater(string firmwareDirectory, HttpClient http, ILogger logger)
{
    /// <summary>Largest image accepted; a larger download is abandoned rather than filling the disk.</summary>
    public const long MaxImageBytes = 512L * 1024 * 1024;

    /// <summary>Downloads, verifies and stages the image the command names.</summary>
    public async Task<FirmwareUpdateResult> InstallAsync(string deviceId, DeviceCommand command, string currentVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var version = command.GetString("version");
        var url = command.GetString("url");
        var expectedHex = command.GetString("sha256");
        if (string.IsNullOrEmpty(version) || version.Length > 64 || version.IndexOfAny(['/', '\\']) >= 0 || version.Contains("..", StringComparison.Ordinal))
        {
            return Refused("firmware-update needs a \"version\" without path characters");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            return Refused("firmware-update needs an https \"url\"; images are never downloaded in the clear");
        }

        byte[] expected;
        try
        {
            expected = expectedHex is { Length: 64 } ? Convert.FromHexString(expectedHex) : throw new FormatException();
        }
        catch (FormatException)
        {
            return Refused("firmware-update needs \"sha256\": 64 hexadecimal digits");
        }

        if (version == currentVersion)
        {
            return new FirmwareUpdateResult(CommandStatus.Applied, $"version {version} is already running", version, null);
        }

        var staging = Path.Combine(firmwareDirectory, "staging");
        var images = Path.Combine(firmwareDirectory, "images");
        SecureFiles.CreatePrivateDirectory(staging);
        SecureFiles.CreatePrivateDirectory(images);
        var part = Path.Combine(staging, version + ".part");
        FirmwareLog.FirmwareDownloading(logger, deviceId, version, uri.Host);
        byte[] actual;
        try
        {
            actual = await DownloadAsync(uri, part, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or InvalidDataException or TaskCanceledException
            && !cancellationToken.IsCancellationRequested)
        {
            File.Delete(part);
            return new FirmwareUpdateResult(CommandStatus.Failed, $"download failed: {exception.Message}", version, null);
        }

        if (!CryptographicOperations.FixedTimeEquals(actual, expected))
        {
            File.Delete(part);
            var reason = $"sha-256 mismatch: expected {Convert.ToHexStringLower(expected)}, downloaded image has {Convert.ToHexStringLower(actual)}";
            FirmwareLog.FirmwareHashMismatch(logger, deviceId, version);
            return Refused(reason);
        }

        var image = Path.Combine(images, version + ".bin");
        File.Move(part, image, overwrite: true);
        return new FirmwareUpdateResult(CommandStatus.Applied, null, version, image);
    }

    private async Task<byte[]> DownloadAsync(Uri uri, string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        if (response.Content.Headers.ContentLength > MaxImageBytes)
        {
            throw new InvalidDataException($"the image is larger than {MaxImageBytes} bytes");
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var source = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            var target = new FileStream(path, SecureFiles.CreateOptions);
            await using (target.ConfigureAwait(false))
            {
                var buffer = new byte[81920];
                long total = 0;
                int read;
                while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    total += read;
                    if (total > MaxImageBytes)
                    {
                        throw new InvalidDataException($"the image is larger than {MaxImageBytes} bytes");
                    }

                    hash.AppendData(buffer, 0, read);
                    await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }

                target.Flush(flushToDisk: true);
            }
        }

        return hash.GetHashAndReset();
    }

    private static FirmwareUpdateResult Refused(string reason) => new(CommandStatus.Refused, reason, null, null);
}
