using System.Globalization;

namespace Visco.E2E.Bench;

/// <summary>CPU time of a process (user + system, every thread) from <c>/proc/{pid}/stat</c>.</summary>
internal static class ProcessCpu
{
    // USER_HZ: 100 on every Linux the runtime supports; /proc reports utime and stime in these ticks.
    private const double TicksPerSecond = 100;

    public static TimeSpan Read(int pid) => TimeSpan.FromSeconds(Ticks(File.ReadAllText($"/proc/{pid}/stat")) / TicksPerSecond);

    /// <summary>
    /// CPU time of every process on this machine named <paramref name="command"/> (a local PostgreSQL server is one
    /// process per connection plus its background workers), or null when there is none.
    /// </summary>
    public static TimeSpan? ReadAllNamed(string command)
    {
        long ticks = 0;
        var found = false;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out _))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(folder, "stat"));
            }
            catch (IOException)
            {
                continue; // the process ended between the listing and the read
            }

            var open = stat.IndexOf('(');
            if (stat.AsSpan(open + 1, stat.LastIndexOf(')') - open - 1).SequenceEqual(command))
            {
                ticks += Ticks(stat);
                found = true;
            }
        }

        return found ? TimeSpan.FromSeconds(ticks / TicksPerSecond) : null;
    }

    private static long Ticks(string stat)
    {
        // Field 2 (comm) is in parentheses and may hold spaces: count fields from after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state); utime is field 14, stime field 15.
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    /// <summary>The 1-minute load average.</summary>
    public static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
}
