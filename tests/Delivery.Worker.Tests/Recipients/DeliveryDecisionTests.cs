using Delivery.Worker.Recipients;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Contracts.Recipients;

namespace Delivery.Worker.Tests.Recipients;

/// <summary>What an attempt does about the person: opt-outs, critical categories, the category's channels, quiet hours, addresses.</summary>
public sealed class DeliveryDecisionTests
{
    private static readonly DateTimeOffset Noon = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly NotificationCategory Orders = new("order-updates", "Order updates", [Channels.Email], Critical: false);
    private static readonly NotificationCategory Security = new("security", "Security", [Channels.Email], Critical: true);
    private static readonly RecipientContact Alice = new("alice", "alice@example.com", null, "de-AT", "Europe/Berlin", null);

    [Fact]
    public void A_person_with_a_profile_is_sent_to_their_address()
    {
        var decision = Decide(Record(), Profile(Orders));

        Assert.Equal(new DeliveryDecision.Send("alice@example.com", Orders), decision);
    }

    [Fact]
    public void The_senders_inline_address_wins_over_the_profile()
    {
        var decision = Decide(Record(contact: "other@example.com"), Profile(Orders));

        Assert.Equal(new DeliveryDecision.Send("other@example.com", Orders), decision);
    }

    [Fact]
    public void An_opt_out_of_the_category_on_the_channel_skips()
    {
        var decision = Decide(Record(), Profile(Orders, new ChannelPreference("order-updates", Channels.Email, false)));

        Assert.Equal(new DeliveryDecision.Skip("The recipient opted out of 'order-updates' on email."), decision);
    }

    [Fact]
    public void An_opt_out_of_a_channel_the_sender_left_to_the_category_says_it_is_an_opt_out()
    {
        var decision = Decide(Record(chosenBySender: false), Profile(Orders, new ChannelPreference("order-updates", Channels.Email, false)));

        Assert.Equal(new DeliveryDecision.Skip("The recipient opted out of 'order-updates' on email."), decision);
    }

    [Fact]
    public void A_global_opt_out_of_the_channel_skips_every_category()
    {
        var decision = Decide(Record(), Profile(Orders, new ChannelPreference(null, Channels.Email, false),
            new ChannelPreference("order-updates", Channels.Email, true)));

        Assert.IsType<DeliveryDecision.Skip>(decision);
    }

    [Fact]
    public void A_critical_category_is_sent_despite_opt_outs_and_quiet_hours()
    {
        var profile = Profile(Security, new ChannelPreference(null, Channels.Email, false), new ChannelPreference("security", Channels.Email, false))
            with { QuietHours = new QuietHoursWindow(new TimeOnly(0, 0), new TimeOnly(23, 59)) };

        Assert.Equal(new DeliveryDecision.Send("alice@example.com", Security), Decide(Record("security"), profile));
    }

    [Fact]
    public void Quiet_hours_covering_now_hold_until_they_end_in_the_persons_zone()
    {
        var profile = Profile(Orders) with { QuietHours = new QuietHoursWindow(new TimeOnly(12, 0), new TimeOnly(14, 0)) };

        var hold = Assert.IsType<DeliveryDecision.Hold>(Decide(Record(), profile)); // 13:00 in Berlin

        Assert.Equal(new DateTimeOffset(2026, 1, 15, 13, 0, 0, TimeSpan.Zero), hold.Until);
        Assert.Contains("Europe/Berlin", hold.Reason);
    }

    [Fact]
    public void A_channel_the_sender_did_not_name_goes_by_the_categorys_defaults_and_the_persons_choice()
    {
        var smsOnly = Orders with { DefaultChannels = ["sms"] };

        Assert.IsType<DeliveryDecision.Skip>(Decide(Record(chosenBySender: false), Profile(smsOnly)));
        Assert.IsType<DeliveryDecision.Send>(Decide(Record(chosenBySender: false),
            Profile(smsOnly, new ChannelPreference("order-updates", Channels.Email, true))));
        Assert.IsType<DeliveryDecision.Send>(Decide(Record(chosenBySender: true), Profile(smsOnly)));
    }

    [Fact]
    public void No_address_anywhere_is_rejected_for_an_operator_to_fix()
    {
        var decision = Decide(Record(), new DeliveryProfile(null, Orders, [], null));

        Assert.Equal(new DeliveryDecision.Reject("No email address: the send gave none and the recipient has no profile."), decision);
    }

    [Fact]
    public void A_person_without_push_subscriptions_has_no_push_address_so_first_success_moves_on()
    {
        var decision = Decide(Record() with { Channel = Channels.Push }, Profile(Orders));

        Assert.Equal(new DeliveryDecision.Reject("No push address: the recipient has registered no push subscription."), decision);
    }

    [Fact]
    public void Push_goes_to_every_subscription_the_person_registered()
    {
        var browsers = new PushSubscriptionContact[] { new(Guid.NewGuid(), "https://push.example/a", "p1", "a1"), new(Guid.NewGuid(), "https://push.example/b", "p2", "a2") };

        var decision = Decide(Record() with { Channel = Channels.Push }, Profile(Orders) with { PushSubscriptions = browsers });

        var contact = Assert.IsType<DeliveryDecision.Send>(decision).Contact;
        Assert.Equal(["https://push.example/a", "https://push.example/b"], Delivery.Worker.Providers.Push.PushContact.Read(contact)!.Select(t => t.Subscription.Endpoint));
    }

    [Fact]
    public void A_person_whose_webhook_endpoints_are_all_disabled_or_absent_has_no_webhook_address()
    {
        var decision = Decide(Record() with { Channel = Channels.Webhook }, Profile(Orders));

        Assert.Equal(new DeliveryDecision.Reject("No webhook address: the recipient has no enabled webhook endpoint (one that answered 410 Gone is disabled)."), decision);
    }

    [Fact]
    public void A_webhook_goes_to_every_endpoint_of_the_person_with_its_secret()
    {
        var endpoints = new WebhookEndpointContact[] { new(Guid.NewGuid(), "https://hooks.example/a", "whsec_a"), new(Guid.NewGuid(), "https://hooks.example/b", "whsec_b") };

        var decision = Decide(Record() with { Channel = Channels.Webhook }, Profile(Orders) with { WebhookEndpoints = endpoints });

        var contact = Assert.IsType<DeliveryDecision.Send>(decision).Contact;
        Assert.Equal(endpoints, Delivery.Worker.Providers.Webhook.WebhookContact.Read(contact));
    }

    [Fact]
    public void Someone_without_a_profile_is_sent_to_the_inline_address()
    {
        var decision = Decide(Record(contact: "walk-in@example.com"), new DeliveryProfile(null, Orders, [], null));

        Assert.Equal(new DeliveryDecision.Send("walk-in@example.com", Orders), decision);
    }

    [Fact]
    public void An_unknown_category_is_rejected()
    {
        var decision = Decide(Record("no-such"), new DeliveryProfile(Alice, null, [], null));

        Assert.Equal(new DeliveryDecision.Reject("Unknown category 'no-such'."), decision);
    }

    [Fact]
    public void An_in_app_message_goes_to_the_persons_user_id_with_or_without_a_profile_and_whatever_contact_was_given()
    {
        var inApp = Record(contact: "someone-else@example.com") with { Channel = Channels.InApp };

        Assert.Equal(new DeliveryDecision.Send("alice", Orders), Decide(inApp, Profile(Orders)));
        Assert.Equal(new DeliveryDecision.Send("alice", Orders), Decide(inApp, new DeliveryProfile(null, Orders, [], null)));
    }

    [Fact]
    public void An_opt_out_of_in_app_skips_the_inbox_like_any_channel() =>
        Assert.IsType<DeliveryDecision.Skip>(Decide(Record() with { Channel = Channels.InApp },
            Profile(Orders, new ChannelPreference("order-updates", Channels.InApp, false))));

    private static DeliveryDecision Decide(DeliveryDispatched record, DeliveryProfile profile) => DeliveryDecision.For(record, profile, Noon);

    private static DeliveryProfile Profile(NotificationCategory category, params ChannelPreference[] preferences) =>
        new(Alice, category, preferences, null);

    private static DeliveryDispatched Record(string category = "order-updates", string? contact = null, bool chosenBySender = true) =>
        new(Guid.NewGuid(), "key", "alice", contact, Channels.Email, "Subject", "Body", null, 1, null, [])
        {
            Category = category,
            ChannelChosenBySender = chosenBySender,
        };
}
