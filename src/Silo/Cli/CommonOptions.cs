using System.CommandLine;

namespace Visco.Silo.Cli;

/// <summary>Options several verbs share.</summary>
internal static class CommonOptions
{
    /// <summary>The silo's data directory (default <c>data</c>, as the silo's own default).</summary>
    public static Option<DirectoryInfo> DataDirectory() => new("--data")
    {
        Description = "The silo's data directory (Visco:DataDirectory).",
        DefaultValueFactory = _ => new DirectoryInfo("data"),
    };
}
