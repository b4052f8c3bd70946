using Xunit;

namespace Visco.TestKit;

/// <summary>
/// A fact that needs an executable on PATH (mosquitto_pub, chromium, node...). Skipped with the reason locally when
/// the tool is missing; under <c>CI=true</c> it runs anyway so that the missing tool fails the test.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresToolFactAttribute : FactAttribute
{
    /// <summary>Creates the attribute for the given executables.</summary>
    public RequiresToolFactAttribute(params string[] tools)
    {
        var missing = tools.Where(t => TestEnvironment.FindExecutable(t) is null).ToArray();
        if (missing.Length > 0 && !TestEnvironment.IsCi)
        {
            Skip = $"needs {string.Join(", ", missing)} on PATH (install it, see .ci/run); fails under CI=true";
        }
    }
}
