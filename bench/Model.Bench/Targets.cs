namespace Visco.Model.Bench;

/// <summary>Prints target lines and remembers whether any missed.</summary>
internal static class Targets
{
    public static bool Failed { get; private set; }

    public static void Check(string target, bool met, string actual)
    {
        Failed |= !met;
        Console.WriteLine($"  [{(met ? "met" : "MISSED")}] {target}: {actual}");
    }
}
