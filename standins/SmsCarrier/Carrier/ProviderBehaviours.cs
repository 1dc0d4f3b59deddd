using System.Collections.Concurrent;

namespace NotificationAspire.Standins.SmsCarrier.Carrier;

/// <summary>
/// How one provider's API behaves right now: answer normally, answer with an error status (an outage), and/or
/// wait before answering (a slow provider, for timeouts). Set through `PUT /api/providers/{provider}`.
/// </summary>
public sealed record ProviderBehaviour(int? FailWithStatus = null, TimeSpan? Delay = null)
{
    public static readonly ProviderBehaviour Normal = new();
}

public sealed class ProviderBehaviours
{
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal) { "twilio", "vonage" };

    private readonly ConcurrentDictionary<string, ProviderBehaviour> behaviours = new(StringComparer.Ordinal);

    public ProviderBehaviour Of(string provider) => behaviours.GetValueOrDefault(provider, ProviderBehaviour.Normal);

    public void Set(string provider, ProviderBehaviour behaviour) => behaviours[provider] = behaviour;

    /// <summary>Waits as told, then says which status to fail with, if any.</summary>
    public async Task<int?> ApplyAsync(string provider, CancellationToken cancellationToken)
    {
        var behaviour = Of(provider);
        if (behaviour.Delay is { } delay && delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, cancellationToken);
        }
        return behaviour.FailWithStatus;
    }
}
