using NotificationAspire.Contracts.Events;

namespace NotificationAspire.Contracts.Recipients;

/// <summary>
/// Channel names a preference or a category may name. Wider than <see cref="Channels.Supported"/> on purpose:
/// a person can opt out of SMS before the platform sends any, and that choice holds the day it does.
/// </summary>
public static class KnownChannels
{
    public const string Sms = "sms";
    public const string Push = "push";
    public const string Webhook = "webhook";
    public const string InApp = "in-app";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal) { Channels.Email, Sms, Push, Webhook, InApp };
}
