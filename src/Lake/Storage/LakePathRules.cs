namespace Visco.Lake.Storage;

/// <summary>What a lake path may look like, checked by every store so that no path escapes the root.</summary>
public static class LakePathRules
{
    /// <summary>The prefix of in-progress files; never listed, removed at start.</summary>
    public const string TempPrefix = ".tmp-";

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="path"/> is a relative object path.</summary>
    public static string RequireObjectPath(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path.StartsWith('/') || path.EndsWith('/') || path.Contains('\\', StringComparison.Ordinal) ||
            path.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"lake path '{path}' must be relative, use '/' and name a file", nameof(path));
        }

        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or "." or ".." || segment.StartsWith(TempPrefix, StringComparison.Ordinal))
            {
                throw new ArgumentException($"lake path '{path}' has an empty, '.', '..' or temporary segment", nameof(path));
            }
        }

        return path;
    }

    /// <summary>Throws unless <paramref name="prefix"/> is empty or a relative prefix without '..'.</summary>
    public static string RequirePrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.StartsWith('/') || prefix.Contains('\\', StringComparison.Ordinal) ||
            prefix.Split('/').Any(s => s is "." or ".."))
        {
            throw new ArgumentException($"lake prefix '{prefix}' must be relative and use '/'", nameof(prefix));
        }

        return prefix;
    }

    /// <summary>Whether an I/O failure means the disk (or quota) is full.</summary>
    public static bool IsDiskFull(IOException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);

        // ENOSPC (28) and EDQUOT (122) on Linux; ERROR_HANDLE_DISK_FULL and ERROR_DISK_FULL on Windows.
        return (exception.HResult & 0xFFFF) is 28 or 122 or 0x27 or 0x70;
    }
}
