namespace NotificationAspire.Bench.Load;

/// <summary>Milliseconds of many operations, and their percentiles (nearest rank).</summary>
public sealed class Latencies
{
    private readonly List<double> _values = [];

    public int Count { get { lock (_values) return _values.Count; } }

    public void Add(double milliseconds)
    {
        lock (_values)
        {
            _values.Add(milliseconds);
        }
    }

    public double Percentile(double p)
    {
        lock (_values)
        {
            if (_values.Count == 0)
            {
                return double.NaN;
            }
            var sorted = _values.Order().ToArray();
            var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
            return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
        }
    }

    public double P50 => Percentile(50);

    public double P95 => Percentile(95);

    public double P99 => Percentile(99);
}
