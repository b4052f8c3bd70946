using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Visco.Bench.Shared;

/// <summary>
/// Sleeps until a <see cref="Stopwatch"/> timestamp to within tens of microseconds, without spinning, for open-loop
/// pacers. <c>Thread.Sleep</c> sleeps whole milliseconds (1.06 ms at best) and <c>Task.Delay(1)</c> 1-2 ms plus a
/// thread-pool hop: a pacer built on them started requests 2 ms late at the median and 4.5 ms at p99, which the
/// figures then charged to the server. Linux: <c>nanosleep</c> on a thread whose timer slack is 1 ns; elsewhere
/// whole-millisecond sleeps.
/// </summary>
internal static partial class PreciseSleep
{
    private const int SetTimerSlack = 29; // PR_SET_TIMERSLACK

    /// <summary>Makes the calling thread's sleeps end on time (the kernel's default slack is 50 µs). Linux only; else a no-op.</summary>
    public static void TightenTimerSlack()
    {
        if (OperatingSystem.IsLinux())
        {
            _ = Prctl(SetTimerSlack, 1, 0, 0, 0);
        }
    }

    /// <summary>Returns at <paramref name="dueTimestamp"/> or just after it; at once if it has passed.</summary>
    public static void Until(long dueTimestamp)
    {
        while (true)
        {
            var remaining = dueTimestamp - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                return;
            }

            if (!OperatingSystem.IsLinux())
            {
                Thread.Sleep(1);
                continue;
            }

            var nanoseconds = (long)(remaining * (1_000_000_000.0 / Stopwatch.Frequency));
            var request = new Timespec { Seconds = nanoseconds / 1_000_000_000, Nanoseconds = nanoseconds % 1_000_000_000 };
            _ = Nanosleep(ref request, IntPtr.Zero);
        }
    }

    [LibraryImport("libc", EntryPoint = "nanosleep")]
    private static partial int Nanosleep(ref Timespec request, IntPtr remaining);

    [LibraryImport("libc", EntryPoint = "prctl")]
    private static partial int Prctl(int option, ulong arg2, ulong arg3, ulong arg4, ulong arg5);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
