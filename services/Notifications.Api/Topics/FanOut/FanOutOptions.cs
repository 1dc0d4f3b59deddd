namespace Notifications.Api.Topics.FanOut;

/// <summary>How many people one fan-out page (one outbox message, one transaction) carries, and how often to look for work unsignalled.</summary>
public sealed class FanOutOptions
{
    public int PageSize { get; set; } = 1_000;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often a topic send's status is recomputed from the reports since the last time.</summary>
    public TimeSpan SettleInterval { get; set; } = TimeSpan.FromSeconds(1);
}
