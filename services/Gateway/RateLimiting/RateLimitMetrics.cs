using System.Diagnostics.Metrics;

namespace Gateway.RateLimiting;

/// <summary>
/// Rejections by partition kind and, for clients, by client id: ASP.NET Core's own meter
/// (`Microsoft.AspNetCore.RateLimiting`, exported by the service defaults) counts leases but cannot say whose.
/// IP addresses are not a tag: unbounded, and personal data.
/// </summary>
public sealed class RateLimitMetrics
{
    public const string MeterName = "NotificationAspire.Gateway";

    private readonly Counter<long> _rejected;

    public RateLimitMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _rejected = meter.CreateCounter<long>("notificationaspire.gateway.rate_limit.rejected", unit: "{request}",
            description: "Requests answered 429 because their partition's budget was spent.");
    }

    public void Rejected(string partitionKind, string? clientId) =>
        _rejected.Add(1, new("partition.kind", partitionKind), new("client.id", clientId ?? "(anonymous)"));
}
