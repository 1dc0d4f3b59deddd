using Delivery.Worker.Providers.Push;
using Delivery.Worker.Providers.Webhook;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Contracts.Recipients;

namespace Delivery.Worker.Recipients;

/// <summary>
/// What one attempt does about the person it is for, decided from their delivery profile at the moment of the
/// attempt. Pure, so each rule (critical categories, opt-outs, channel choice, quiet hours) is pinned by a unit test.
/// </summary>
public abstract record DeliveryDecision
{
    /// <summary>Send to <paramref name="Contact"/>.</summary>
    public sealed record Send(string Contact, NotificationCategory Category) : DeliveryDecision;

    /// <summary>Deliberately not sent, for good (an opt-out, a channel the category does not use).</summary>
    public sealed record Skip(string Reason) : DeliveryDecision;

    /// <summary>Not now: the person's quiet hours; the same attempt goes out at <paramref name="Until"/>.</summary>
    public sealed record Hold(string Reason, DateTimeOffset Until) : DeliveryDecision;

    /// <summary>Not before <paramref name="At"/>, the time the sender asked for; everything about the person is decided then.</summary>
    public sealed record Schedule(string Reason, DateTimeOffset At) : DeliveryDecision;

    /// <summary>Collected into the person's digest <paramref name="Request"/> (never for a critical category).</summary>
    public sealed record Digest(DigestRequest Request) : DeliveryDecision;

    /// <summary>Cannot be sent as it stands (no address, unknown category); a dead letter an operator can replay once it is fixed.</summary>
    public sealed record Reject(string Reason) : DeliveryDecision;

    public static DeliveryDecision For(DeliveryDispatched record, DeliveryProfile profile, DateTimeOffset now)
    {
        if (record.SendTime is { } sendTime)
        {
            var zone = QuietHours.ZoneOf(profile.Recipient?.TimeZone);
            var at = sendTime.InstantFor(zone);
            if (at > now)
            {
                return new Schedule(sendTime.Local is { } local
                    ? $"Scheduled for {local:yyyy-MM-dd HH:mm:ss} {zone.Id} ({at:O})"
                    : $"Scheduled for {at:O}", at);
            }
        }
        if (profile.Category is not { } category)
        {
            return new Reject($"Unknown category '{record.Category}'.");
        }
        var channel = record.Channel;
        var choice = profile.Preferences.FirstOrDefault(p => p.Category == category.Key && p.Channel == channel);
        // A channel the sender did not name is used when the category uses it or the person asked for it.
        if (!record.ChannelChosenBySender && choice is not { Enabled: true } && !category.DefaultChannels.Contains(channel))
        {
            return new Skip($"{channel} is not a channel of category '{category.Key}' for this person.");
        }
        // Critical categories (security alerts, password changes) reach people whatever they chose.
        if (!category.Critical)
        {
            if (profile.Preferences.Any(p => p.Category is null && p.Channel == channel && !p.Enabled))
            {
                return new Skip($"The recipient opted out of {channel}.");
            }
            if (choice is { Enabled: false })
            {
                return new Skip($"The recipient opted out of '{category.Key}' on {channel}.");
            }
        }
        // An inbox is the person's own, whatever address a sender gave: in-app goes to the user id, profile or not.
        var address = channel == Channels.InApp ? record.RecipientUserId : record.Contact ?? AddressOn(channel, profile);
        if (address is not { Length: > 0 } contact)
        {
            return new Reject(channel == Channels.Push
                ? "No push address: the recipient has registered no push subscription."
                : channel == Channels.Webhook
                ? "No webhook address: the recipient has no enabled webhook endpoint (one that answered 410 Gone is disabled)."
                : profile.Recipient is null
                ? $"No {channel} address: the send gave none and the recipient has no profile."
                : $"No {channel} address: the send gave none and the recipient's profile has none.");
        }
        // Opt-outs and addresses are checked per item, quiet hours once for the digest when it goes out. A critical
        // category (a password change) is never collected: it goes out at once, as if no digest were named.
        if (!category.Critical && record.Digest is { } digest)
        {
            return new Digest(digest);
        }
        if (!category.Critical && profile.QuietHours is { } window)
        {
            var zone = QuietHours.ZoneOf(profile.Recipient?.TimeZone);
            if (QuietHours.EndOf(window, zone, now) is { } end)
            {
                return new Hold($"Quiet hours ({window.Start:HH\\:mm}-{window.End:HH\\:mm} {zone.Id}) until {end:O}", end);
            }
        }
        return new Send(contact, category);
    }

    private static string? AddressOn(string channel, DeliveryProfile profile) => channel switch
    {
        Channels.Email => profile.Recipient?.Email,
        Channels.Sms => profile.Recipient?.Phone,
        // Every browser the person registered, as one contact the push provider sends to in turn; none is no address.
        Channels.Push => PushContact.Of(profile.PushSubscriptions),
        // Likewise every enabled webhook endpoint, with the secret each is signed with.
        Channels.Webhook => WebhookContact.Of(profile.WebhookEndpoints),
        _ => null,
    };
}
