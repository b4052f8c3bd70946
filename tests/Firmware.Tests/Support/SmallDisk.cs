using System.Diagnostics;
using System.Globalization;

namespace Visco.Firmware.Tests.Support;

/// <summary>A tmpfs of a few hundred KiB mounted on a temp folder: a real file system that really runs out of space.</summary>
public sealed class SmallDisk : IAsyncDisposable
{
    private const string Filler = "filler.bin";

    private SmallDisk(string path) => Path = path;

    /// <summary>The mount point.</summary>
    public string Path { get; }

    /// <summary>Mounts a tmpfs of <paramref name="kib"/> KiB.</summary>
    public static async Task<SmallDisk> MountAsync(int kib)
    {
        var path = Directory.CreateTempSubdirectory("visco-firmware-disk-").FullName;
        await RunAsync("mount", "-t", "tmpfs", "-o", $"size={kib.ToString(CultureInfo.InvariantCulture)}k,mode=0700", "tmpfs", path);
        return new SmallDisk(path);
    }

    /// <summary>Writes a filler file until the disk refuses more (ENOSPC); returns the bytes written.</summary>
    public long Fill()
    {
        long written = 0;
        var block = new byte[4096];
        using var stream = new FileStream(System.IO.Path.Combine(Path, Filler), FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1);
        try
        {
            while (true)
            {
                stream.Write(block);
                written += block.Length;
            }
        }
        catch (IOException)
        {
            return written;
        }
    }

    /// <summary>Deletes the filler: space returns.</summary>
    public void Free() => File.Delete(System.IO.Path.Combine(Path, Filler));

    /// <summary>Unmounts (lazily, should a handle still be open) and removes the mount point.</summary>
    public async ValueTask DisposeAsync()
    {
        await RunAsync("umount", "-l", Path);
        Directory.Delete(Path);
    }

    private static async Task RunAsync(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error}");
        }
    }
}
