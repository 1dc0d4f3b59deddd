using Microsoft.Extensions.Options;

namespace Gateway.RateLimiting;

/// <summary>Refuses to start with a budget the token bucket would throw on at the first request, naming the setting.</summary>
public sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var buckets = new List<(string Key, RateLimitOptions.TokenBucket Bucket)>
        {
            (nameof(RateLimitOptions.Authenticated), options.Authenticated),
            (nameof(RateLimitOptions.Sessions), options.Sessions),
            (nameof(RateLimitOptions.Anonymous), options.Anonymous),
        };
        buckets.AddRange(options.Clients.Select(c => ($"{nameof(RateLimitOptions.Clients)}:{c.Key}", c.Value)));

        var failures = buckets.SelectMany(b => Check(b.Key, b.Bucket)).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<string> Check(string key, RateLimitOptions.TokenBucket bucket)
    {
        var prefix = $"{RateLimitOptions.Section}:{key}";
        if (bucket.TokenLimit < 1)
        {
            yield return $"{prefix}:TokenLimit must be at least 1.";
        }
        if (bucket.TokensPerPeriod < 1)
        {
            yield return $"{prefix}:TokensPerPeriod must be at least 1.";
        }
        if (bucket.ReplenishmentPeriod <= TimeSpan.Zero)
        {
            yield return $"{prefix}:ReplenishmentPeriod must be positive (e.g. 00:00:01).";
        }
    }
}
