namespace Gateway.RateLimiting;

/// <summary>
/// The gateway's request budgets (section "RateLimiting"): one token bucket per calling client (the token's `azp`)
/// one per signed-in browser user, and one per IP address for callers without a valid token. Defaults are far above what one service sends in normal
/// use (the fault-injection suite sends 1,500 notifications in a burst); `Clients:{clientId}` overrides one client.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimiting";

    public TokenBucket Authenticated { get; set; } = new() { TokenLimit = 2000, TokensPerPeriod = 1000, ReplenishmentPeriod = TimeSpan.FromSeconds(1) };

    /// <summary>
    /// Each signed-in browser user's own budget (by `sub`): every session's tokens name the gateway as `azp`, so a
    /// client budget would let one person spend everyone's.
    /// </summary>
    public TokenBucket Sessions { get; set; } = new() { TokenLimit = 200, TokensPerPeriod = 100, ReplenishmentPeriod = TimeSpan.FromSeconds(1) };

    public TokenBucket Anonymous { get; set; } = new() { TokenLimit = 200, TokensPerPeriod = 100, ReplenishmentPeriod = TimeSpan.FromSeconds(1) };

    /// <summary>Budgets of particular clients, by client id, instead of <see cref="Authenticated"/>.</summary>
    public Dictionary<string, TokenBucket> Clients { get; set; } = new(StringComparer.Ordinal);

    /// <summary>A burst of <see cref="TokenLimit"/> requests, then <see cref="TokensPerPeriod"/> per <see cref="ReplenishmentPeriod"/>.</summary>
    public sealed class TokenBucket
    {
        public int TokenLimit { get; set; }

        public int TokensPerPeriod { get; set; }

        public TimeSpan ReplenishmentPeriod { get; set; }
    }
}
