namespace Visco.TestKit;

/// <summary>What the test run may rely on: CI (where a missing tool is a failure) and the services it starts.</summary>
public static class TestEnvironment
{
    /// <summary>True under CI (<c>CI=true</c>): a test that needs a missing tool fails instead of skipping.</summary>
    public static bool IsCi { get; } =
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The PostgreSQL server tests use: <c>VISCO_TEST_POSTGRES</c>, or the role and database <c>.ci/run</c> creates.
    /// </summary>
    public static string PostgresConnectionString { get; } =
        Environment.GetEnvironmentVariable("VISCO_TEST_POSTGRES")
        ?? "Host=127.0.0.1;Port=5432;Username=visco;Password=visco;Database=visco_test;Timeout=5";

    /// <summary>Finds an executable on PATH (for real clients such as mosquitto_pub), or null.</summary>
    public static string? FindExecutable(string name)
    {
        if (Path.IsPathRooted(name))
        {
            return File.Exists(name) ? name : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
