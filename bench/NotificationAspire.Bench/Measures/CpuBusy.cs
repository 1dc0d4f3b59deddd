namespace NotificationAspire.Bench.Measures;

/// <summary>
/// How busy the machine's processors were between two moments (all processes, from /proc/stat): near 100% means
/// the CPU itself is the ceiling, whatever the parts could do alone.
/// </summary>
public sealed class CpuBusy
{
    private readonly (long Busy, long Total) _start = Read();

    public static CpuBusy Start() => new();

    /// <summary>Busy share since <see cref="Start"/>, 0 to 1.</summary>
    public double Share()
    {
        var end = Read();
        var total = end.Total - _start.Total;
        return total <= 0 ? 0 : (double)(end.Busy - _start.Busy) / total;
    }

    private static (long Busy, long Total) Read()
    {
        // "cpu  user nice system idle iowait irq softirq steal ...": idle and iowait are the idle part.
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Take(8).Select(f => long.Parse(f, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Sum();
        return (total - fields[3] - fields[4], total);
    }
}
