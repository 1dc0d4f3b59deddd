namespace NotificationAspire.Bench.Measures;

/// <summary>What one process (or group) holds and has used: resident memory (PSS) in MiB, and processor time since it started.</summary>
public sealed record ProcessFigures(double ResidentMiB, double CpuSeconds);

/// <summary>
/// Resident memory (PSS, see <see cref="ResidentKiB"/>) and processor time (from /proc) of the platform's processes, by what they are: each service (replicas apart),
/// the stand-ins, PostgreSQL (all its processes together) and the `dotnet run` launchers Aspire starts per project.
/// Only this run's processes count, so a second platform on the machine is not mistaken for ours: those descended
/// from this process (the AppHost runs inside the benchmark) or from the orchestrator it started, which detaches
/// from its parent and names it in `--monitor PID`.
/// </summary>
public static class ProcessProbe
{
    private static readonly (string Marker, string Name)[] Known =
    [
        // Built output, as a .dll under `dotnet` or as its own executable: the `dotnet run` launchers have neither.
        ("/net10.0/Gateway", "gateway"), ("/net10.0/Console", "console"), ("/net10.0/Notifications.Api", "notifications-api"), ("/net10.0/Preferences.Api", "preferences-api"),
        ("/net10.0/Inbox.Api", "inbox-api"), ("/net10.0/Delivery.Worker", "delivery-worker"), ("/net10.0/IdentityStandIn", "identity (stand-in)"),
        ("/net10.0/KafkaMockBroker", "kafka (mock broker)"), ("/net10.0/SmsCarrier", "sms carrier (stand-in)"), ("/net10.0/PushService", "push service (stand-in)"), ("Smtp4dev", "mail (smtp4dev)"),
        ("/dcp ", "dcp (orchestrator)"),
    ];

    /// <summary>Figures by process name; several processes of one name (replicas) get #1, #2 by process id.</summary>
    public static IReadOnlyDictionary<string, ProcessFigures> Sample()
    {
        var found = Find();
        var result = new SortedDictionary<string, ProcessFigures>(StringComparer.Ordinal);
        foreach (var group in found.GroupBy(f => f.Name))
        {
            if (IsMany(group.Key) || group.Count() == 1)
            {
                result[group.Key] = new ProcessFigures(group.Sum(g => g.Figures.ResidentMiB), group.Sum(g => g.Figures.CpuSeconds));
                continue;
            }
            var index = 1;
            foreach (var replica in group.OrderBy(g => g.Pid))
            {
                result[$"{group.Key} #{index++}"] = replica.Figures;
            }
        }
        return result;
    }

    /// <summary>Each of this run's services and stand-ins by name, with its process id (the many of PostgreSQL, the launchers and the orchestrator left out).</summary>
    public static IEnumerable<(string Name, int Pid)> Ids() => Find()
        .Where(f => !IsMany(f.Name))
        .OrderBy(f => f.Name, StringComparer.Ordinal).ThenBy(f => f.Pid)
        .Select(f => (f.Name, f.Pid));

    /// <summary>Names whose many processes are one thing (PostgreSQL's backends, the launchers, the orchestrator's helpers): summed, never listed one by one.</summary>
    private static bool IsMany(string name) => name is "postgres" or "dotnet run (launchers)" or "dcp (orchestrator)";

    private static List<(string Name, int Pid, ProcessFigures Figures)> Find()
    {
        var found = new List<(string Name, int Pid, ProcessFigures Figures)>();
        var parents = ParentsOfAll();
        var commandLines = parents.Keys.Select(pid => (pid, Read($"/proc/{pid}"))).Where(p => p.Item2 is not null)
            .ToDictionary(p => p.pid, p => p.Item2!.Value);
        var ours = commandLines.Where(p => p.Value.CommandLine.Contains($"--monitor {Environment.ProcessId} ", StringComparison.Ordinal))
            .Select(p => p.Key).Append(Environment.ProcessId).ToHashSet();
        foreach (var (pid, process) in commandLines)
        {
            if (!ours.Contains(pid) && !DescendsFrom(pid, ours, parents))
            {
                continue;
            }
            var name = NameOf(process.CommandLine);
            if (name is not null)
            {
                found.Add((name, pid, new ProcessFigures(process.MemoryKiB / 1024.0, process.CpuTicks / (double)TicksPerSecond)));
            }
        }
        return found;
    }

    private static Dictionary<int, int> ParentsOfAll()
    {
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (int.TryParse(Path.GetFileName(directory), out var pid))
                {
                    // /proc/PID/stat: "pid (comm) state ppid ...", and comm may hold spaces: read after the last ')'.
                    var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                    parents[pid] = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }
        }
        return parents;
    }

    private static bool DescendsFrom(int pid, HashSet<int> roots, Dictionary<int, int> parents)
    {
        for (var hops = 0; hops < 32 && pid > 1; hops++)
        {
            if (!parents.TryGetValue(pid, out var parent))
            {
                return false;
            }
            if (roots.Contains(parent))
            {
                return true;
            }
            pid = parent;
        }
        return false;
    }

    private static string? NameOf(string commandLine)
    {
        if (commandLine.StartsWith("postgres", StringComparison.Ordinal) || commandLine.Contains("/bin/postgres", StringComparison.Ordinal))
        {
            return "postgres";
        }
        if (commandLine.Contains(" run ", StringComparison.Ordinal) && commandLine.Contains("--project", StringComparison.Ordinal))
        {
            return "dotnet run (launchers)";
        }
        return Known.FirstOrDefault(k => commandLine.Contains(k.Marker, StringComparison.Ordinal)).Name;
    }

    /// <summary>
    /// Resident memory with shared pages divided among the processes sharing them (PSS, from smaps_rollup), so a
    /// group's sum is what it holds: PostgreSQL's backends each map the same shared buffers, and their plain RSS
    /// summed counted those buffers once per backend. VmRSS where smaps_rollup cannot be read.
    /// </summary>
    private static long? ResidentKiB(string directory)
    {
        var line = TryReadLines(Path.Combine(directory, "smaps_rollup"))?.FirstOrDefault(l => l.StartsWith("Pss:", StringComparison.Ordinal))
            ?? File.ReadLines(Path.Combine(directory, "status")).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string[]? TryReadLines(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Linux reports processor time in clock ticks of 1/100 s (USER_HZ) on every common platform.</summary>
    private const int TicksPerSecond = 100;

    private static (string CommandLine, long MemoryKiB, long CpuTicks)? Read(string directory)
    {
        try
        {
            var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ').Trim();
            var rss = ResidentKiB(directory);
            // /proc/PID/stat after the ")" closing the name: state is field 3, utime and stime fields 14 and 15.
            var stat = File.ReadAllText(Path.Combine(directory, "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var cpu = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
            return rss is null ? null : (commandLine, rss.Value, cpu);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // gone meanwhile
        }
    }
}
