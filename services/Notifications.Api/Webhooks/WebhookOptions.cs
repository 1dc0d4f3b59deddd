using System.Net;

namespace Notifications.Api.Webhooks;

/// <summary>The `Webhooks` section: where status webhooks may go, how they are retried, how long a rotated secret keeps signing.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>
    /// Networks (CIDR) the SSRF guard lets through although they are internal. Empty in every shipped configuration;
    /// the tests allow-list their own receiver's address.
    /// </summary>
    public string[] AllowedNetworks { get; set; } = [];

    /// <summary>Plain `http://` targets; off by default, so secrets and payloads travel over TLS.</summary>
    public bool AllowPlainHttp { get; set; }

    /// <summary>Attempts per message, the first included, before it is abandoned.</summary>
    public int MaxAttempts { get; set; } = 12;

    /// <summary>The wait after the first failed attempt; each later one doubles it, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long one call may take; the spec suggests 15 to 30 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the old secret keeps signing after a rotation.</summary>
    public TimeSpan SecretRotationOverlap { get; set; } = TimeSpan.FromHours(24);

    public int MaxEndpointsPerSender { get; set; } = 20;

    public IReadOnlyList<IPNetwork> AllowedNetworkList() => [.. AllowedNetworks.Select(n => IPNetwork.Parse(n))];

    /// <summary>What is wrong with the settings, naming each, or nothing.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var network in AllowedNetworks.Where(n => !IPNetwork.TryParse(n, out _)))
        {
            yield return $"{Section}:AllowedNetworks: '{network}' is not a network in CIDR notation (127.0.0.2/32).";
        }
        if (MaxAttempts < 1)
        {
            yield return $"{Section}:MaxAttempts must be at least 1.";
        }
        if (FirstRetryDelay <= TimeSpan.Zero || MaxRetryDelay < FirstRetryDelay)
        {
            yield return $"{Section}:FirstRetryDelay must be positive and MaxRetryDelay at least as long.";
        }
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(1))
        {
            yield return $"{Section}:Timeout must be between 0 and 1 minute.";
        }
        if (SecretRotationOverlap < TimeSpan.Zero || MaxEndpointsPerSender < 1)
        {
            yield return $"{Section}:SecretRotationOverlap must not be negative and MaxEndpointsPerSender at least 1.";
        }
    }
}
