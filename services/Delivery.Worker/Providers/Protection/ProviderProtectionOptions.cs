namespace Delivery.Worker.Providers.Protection;

/// <summary>
/// `Delivery:Protection`: how hard the worker may push each provider and each recipient, and when it stops
/// calling a provider that keeps failing. The top-level values apply to every channel; `Channels:{channel}`
/// overrides any of them for one channel (an SMS gateway allows far fewer sends than an SMTP relay).
/// </summary>
public sealed class ProviderProtectionOptions
{
    public const string SectionName = "Delivery:Protection";

    /// <summary>Consecutive transient failures (the provider threw) that open the circuit.</summary>
    public int BreakerFailureThreshold { get; set; } = 5;

    /// <summary>The threshold's failures must fall within this span; a slow trickle of errors does not open the circuit.</summary>
    public TimeSpan SamplingWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long an open circuit keeps the provider uncalled before one probe is let through.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    public int ProviderPermitsPerSecond { get; set; } = 50;

    /// <summary>Sends to one contact on one channel; it keeps a loop in a sender from flooding a person.</summary>
    public int RecipientPermitsPerMinute { get; set; } = 10;

    public Dictionary<string, ChannelProtectionOverrides> Channels { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The limits in force for <paramref name="channel"/>: its overrides over the top-level values.</summary>
    public ProtectionLimits For(string channel)
    {
        // Configuration keys are case-insensitive, but the binder may hand us a dictionary with its own comparer.
        var overrides = Channels.FirstOrDefault(c => string.Equals(c.Key, channel, StringComparison.OrdinalIgnoreCase)).Value;
        return new ProtectionLimits(
            overrides?.BreakerFailureThreshold ?? BreakerFailureThreshold,
            overrides?.SamplingWindow ?? SamplingWindow,
            overrides?.BreakDuration ?? BreakDuration,
            overrides?.ProviderPermitsPerSecond ?? ProviderPermitsPerSecond,
            overrides?.RecipientPermitsPerMinute ?? RecipientPermitsPerMinute);
    }
}

/// <summary>`Delivery:Protection:Channels:{channel}`: only the values given replace the top-level ones.</summary>
public sealed class ChannelProtectionOverrides
{
    public int? BreakerFailureThreshold { get; set; }
    public TimeSpan? SamplingWindow { get; set; }
    public TimeSpan? BreakDuration { get; set; }
    public int? ProviderPermitsPerSecond { get; set; }
    public int? RecipientPermitsPerMinute { get; set; }
}

/// <summary>The effective protection of one channel.</summary>
public sealed record ProtectionLimits(
    int BreakerFailureThreshold,
    TimeSpan SamplingWindow,
    TimeSpan BreakDuration,
    int ProviderPermitsPerSecond,
    int RecipientPermitsPerMinute)
{
    /// <summary>What is wrong with these limits, phrased with the configuration keys under <paramref name="section"/>.</summary>
    public IEnumerable<string> Problems(string section)
    {
        if (BreakerFailureThreshold is < 1 or > 1_000)
        {
            yield return $"{section}:BreakerFailureThreshold must be between 1 and 1000 (it is {BreakerFailureThreshold}).";
        }
        if (SamplingWindow < TimeSpan.FromSeconds(1) || SamplingWindow > TimeSpan.FromDays(1))
        {
            yield return $"{section}:SamplingWindow must be between 00:00:01 and 1.00:00:00 (it is {SamplingWindow}).";
        }
        if (BreakDuration < TimeSpan.FromSeconds(1) || BreakDuration > TimeSpan.FromHours(1))
        {
            yield return $"{section}:BreakDuration must be between 00:00:01 and 01:00:00 (it is {BreakDuration}).";
        }
        // Upper bounds keep the spacing between permits (period / permits) a whole number of ticks well above zero.
        if (ProviderPermitsPerSecond is < 1 or > 100_000)
        {
            yield return $"{section}:ProviderPermitsPerSecond must be between 1 and 100000 (it is {ProviderPermitsPerSecond}).";
        }
        if (RecipientPermitsPerMinute is < 1 or > 100_000)
        {
            yield return $"{section}:RecipientPermitsPerMinute must be between 1 and 100000 (it is {RecipientPermitsPerMinute}).";
        }
    }
}
