using Visco.TestKit;

namespace Visco.Firmware.Tests.Support;

/// <summary>
/// A fact that mounts a small tmpfs (a disk that can really fill up) and talks to mosquitto: needs Linux, root,
/// <c>mount</c> and <c>mosquitto</c>. Skipped locally with the reason when one is missing; under <c>CI=true</c> it is
/// skipped only where tmpfs cannot exist (not Linux, no <c>mount</c>) and otherwise runs, so a CI runner that lost
/// root or mosquitto fails instead of silently not testing the full disk.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TmpfsFactAttribute : FactAttribute
{
    /// <summary>Creates the attribute.</summary>
    public TmpfsFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || TestEnvironment.FindExecutable("mount") is null)
        {
            Skip = "needs Linux with mount(8) to mount a small tmpfs as a full disk";
            return;
        }

        if (TestEnvironment.IsCi)
        {
            return;
        }

        if (Environment.UserName != "root")
        {
            Skip = "needs root to mount a small tmpfs as a full disk (runs under CI=true, where it fails if it cannot)";
        }
        else if (TestEnvironment.FindExecutable(MosquittoBroker.Executable) is null)
        {
            Skip = "needs mosquitto (install it, see .ci/run); fails under CI=true";
        }
    }
}
