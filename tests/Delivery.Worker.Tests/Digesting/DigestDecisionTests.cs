using Delivery.Worker.Recipients;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Contracts.Recipients;

namespace Delivery.Worker.Tests.Digesting;

/// <summary>A delivery naming a digest is collected, after the person's opt-outs and address are checked; a critical one never is.</summary>
public sealed class DigestDecisionTests
{
    private static readonly DateTimeOffset Noon = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly DigestRequest Comments = new("comments:42", TimeSpan.FromMinutes(10));
    private static readonly NotificationCategory General = new("general", "General", [Channels.Email], Critical: false);
    private static readonly NotificationCategory Security = new("security", "Security", [Channels.Email], Critical: true);

    [Fact]
    public void A_delivery_naming_a_digest_is_collected()
    {
        Assert.Equal(new DeliveryDecision.Digest(Comments), Decide(General, []));
    }

    [Fact]
    public void A_critical_category_is_never_collected_but_sent_at_once()
    {
        Assert.Equal(new DeliveryDecision.Send("alice@example.com", Security), Decide(Security, []));
    }

    [Fact]
    public void An_opt_out_skips_the_item_instead_of_collecting_it()
    {
        var skipped = Assert.IsType<DeliveryDecision.Skip>(Decide(General, [new ChannelPreference("general", Channels.Email, false)]));

        Assert.Contains("opted out", skipped.Reason);
    }

    [Fact]
    public void A_digest_with_quiet_hours_is_collected_now_and_the_quiet_hours_apply_when_it_goes_out()
    {
        var quiet = new QuietHoursWindow(new TimeOnly(11, 0), new TimeOnly(13, 0));

        Assert.IsType<DeliveryDecision.Digest>(Decide(General, [], quiet));
    }

    [Fact]
    public void A_send_time_still_ahead_is_scheduled_first_and_collected_when_due()
    {
        var record = Record(General) with { SendTime = new SendTime(Noon.AddHours(1), null) };

        Assert.IsType<DeliveryDecision.Schedule>(DeliveryDecision.For(record, Profile(General, [], null), Noon));
        Assert.IsType<DeliveryDecision.Digest>(DeliveryDecision.For(record, Profile(General, [], null), Noon.AddHours(1)));
    }

    private static DeliveryDecision Decide(NotificationCategory category, IReadOnlyList<ChannelPreference> preferences, QuietHoursWindow? quiet = null) =>
        DeliveryDecision.For(Record(category), Profile(category, preferences, quiet), Noon);

    private static DeliveryDispatched Record(NotificationCategory category) =>
        new(Guid.NewGuid(), "key", "alice", null, Channels.Email, "New comment", "Bob wrote", null, 1, null, [])
        {
            Category = category.Key,
            Digest = Comments,
        };

    private static DeliveryProfile Profile(NotificationCategory category, IReadOnlyList<ChannelPreference> preferences, QuietHoursWindow? quiet) =>
        new(new RecipientContact("alice", "alice@example.com", null, "en", "UTC", null), category, preferences, quiet);
}
