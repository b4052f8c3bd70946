using System.Globalization;
using System.Text;

namespace Visco.TestKit;

/// <summary>Tests' folders under the temp directory: made for the test process, or removed once their host has stopped.</summary>
public static class TemporaryDirectory
{
    private static readonly System.Collections.Concurrent.ConcurrentBag<string> ForProcess = CreateBag();

    /// <summary>
    /// A new folder under the temp directory, removed when the test process exits: for folders that outlive the
    /// object using them (an agent's state folder, kept across its restarts within a test).
    /// </summary>
    public static string CreateForProcess(string prefix)
    {
        var path = Directory.CreateTempSubdirectory(prefix).FullName;
        ForProcess.Add(path);
        return path;
    }

    /// <summary>
    /// Deletes <paramref name="path"/> and everything under it. A failure names what was left and when each entry was
    /// last written: "Directory not empty" means some part of the stopped host still wrote a file after it stopped,
    /// which is a shutdown bug in that part, and the listing says which one.
    /// </summary>
    public static void Delete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException exception)
        {
            throw new IOException($"{exception.Message} ({path}); left: {Describe(path)}", exception);
        }
    }

    private static string Describe(string path)
    {
        if (!Directory.Exists(path))
        {
            return "nothing";
        }

        var text = new StringBuilder();
        var now = DateTime.UtcNow;
        foreach (var entry in new DirectoryInfo(path).EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
        {
            var size = entry is FileInfo file ? file.Length.ToString(CultureInfo.InvariantCulture) + " B" : "dir";
            var age = (now - entry.LastWriteTimeUtc).TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"{Path.GetRelativePath(path, entry.FullName)} ({size}, written {age} ms ago); ");
        }

        return text.Length == 0 ? "an empty directory" : text.ToString();
    }

    private static System.Collections.Concurrent.ConcurrentBag<string> CreateBag()
    {
        var bag = new System.Collections.Concurrent.ConcurrentBag<string>();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var path in bag)
            {
                try
                {
                    Directory.Delete(path, recursive: true);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    // The process is ending; a folder something still holds stays behind in the temp directory.
                }
            }
        };
        return bag;
    }
}
