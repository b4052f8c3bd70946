namespace Visco.Silo.Tests;

/// <summary>
/// Runs alone: its tests read what the silo's verbs print by redirecting the process-wide console, which a test running
/// beside them would redirect too, or write its silo's log lines into.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCaptureCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "Console capture";
}
