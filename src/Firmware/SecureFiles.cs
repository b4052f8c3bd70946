namespace Visco.Firmware;

/// <summary>
/// Files only the agent's user may read: credentials, queue and state are created with mode 0600 (folders 0700), so
/// another account on the analyser's computer can read neither patient data nor the device's private key.
/// </summary>
public static class SecureFiles
{
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Options that create a new file (replacing any) readable and writable by the owner only.</summary>
    public static FileStreamOptions CreateOptions { get; } = NewCreateOptions();

    private static FileStreamOptions NewCreateOptions()
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerFile;
        }

        return options;
    }

    /// <summary>Creates <paramref name="path"/> (and parents) if needed, restricted to the owner.</summary>
    public static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, OwnerDirectory);
        File.SetUnixFileMode(path, OwnerDirectory);
    }

    /// <summary>
    /// Writes <paramref name="content"/> to <paramref name="path"/> atomically (temporary file, fsync, rename) with mode
    /// 0600, so a crash leaves the old file or the new one, never half of either.
    /// </summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> content)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, CreateOptions))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }

        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode only applies to new files; a stale .tmp left by a crash keeps whatever mode it had.
            File.SetUnixFileMode(temporary, OwnerFile);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
