using System.Text.Json.Nodes;
using NotificationAspire.Contracts.Templates;

namespace NotificationAspire.Contracts.Events;

/// <summary>
/// A send's wish to be collected: its deliveries to one person on one channel under the same <see cref="Key"/>
/// (`comments:42`) within <see cref="Window"/> of the first go out as ONE message at the window's end. A critical
/// category is never collected. <see cref="Template"/> is the pinned digest template (it sees `count` and `items`);
/// null means the platform's plain list.
/// </summary>
public sealed record DigestRequest(string Key, TimeSpan Window, TemplateContent? Template = null)
{
    public static readonly TimeSpan MinWindow = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan MaxWindow = TimeSpan.FromHours(24);
}

/// <summary>
/// One notification collected in a digest, as the digest message lists it: the item's own text or template, so the
/// worker renders it for the person (their locale) when the digest is composed.
/// </summary>
public sealed record DigestItem(Guid NotificationId, DateTimeOffset At, string? Subject, string? Body, TemplateContent? Template, JsonObject? TemplateData);
