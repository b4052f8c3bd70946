using Visco.TestKit;

namespace Visco.Lake.Tests.Interop;

/// <summary>
/// A fact that needs Node and the independent readers of <c>tests/Lake.Tests/interop</c> (installed by
/// <c>npm ci --prefix tests/Lake.Tests/interop</c>). Like <see cref="RequiresToolFactAttribute"/> it skips with the
/// reason locally and runs (so fails) under <c>CI=true</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class InteropFactAttribute : FactAttribute
{
    /// <summary>Creates the attribute.</summary>
    public InteropFactAttribute()
    {
        if (TestEnvironment.IsCi)
        {
            return;
        }

        if (TestEnvironment.FindExecutable("node") is null)
        {
            Skip = "needs node on PATH (install nodejs, see .ci/run); fails under CI=true";
        }
        else if (!Directory.Exists(Path.Combine(NodeTools.InteropDirectory, "node_modules")))
        {
            Skip = "needs `npm ci --prefix tests/Lake.Tests/interop`; fails under CI=true";
        }
    }
}
