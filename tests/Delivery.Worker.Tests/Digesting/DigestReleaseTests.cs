using Delivery.Worker.Delivering;
using Delivery.Worker.Digesting;
using Delivery.Worker.Model;
using Delivery.Worker.Tests.Model;
using NotificationAspire.Contracts;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Messaging;

namespace Delivery.Worker.Tests.Digesting;

/// <summary>
/// A window becomes one digest record whose key is the window's: built from stored rows only, so a release repeated
/// after a crash is the same record under the same key, which the delivery row then treats as one delivery.
/// </summary>
public sealed class DigestReleaseTests
{
    private static readonly DateTimeOffset Opens = new(2026, 12, 1, 10, 10, 0, TimeSpan.Zero);
    private static readonly DigestRequest Comments = new("comments:42", TimeSpan.FromMinutes(10));

    [Fact]
    public void A_window_is_one_digest_listing_its_items_in_the_order_collected()
    {
        var window = Window();
        var items = Enumerable.Range(1, 5).Select(i => Collected(window, i)).Reverse().ToList();

        var digest = DigestReleaser.DigestOf(window, items)!;

        Assert.Equal(window.DeliveryKey, digest.DeliveryKey);
        Assert.Equal(5, digest.DigestCount);
        Assert.Equal(["Comment 1", "Comment 2", "Comment 3", "Comment 4", "Comment 5"], digest.DigestItems!.Select(i => i.Subject));
        Assert.Null(digest.Digest); // the digest itself is never collected again
        Assert.Null(digest.MissingFields());
        Assert.True(DeliveryKeys.IsDigest(digest.DeliveryKey));
    }

    [Fact]
    public void Releasing_the_same_window_again_gives_the_same_record_and_key()
    {
        var window = Window();
        var items = Enumerable.Range(1, 3).Select(i => Collected(window, i)).ToList();

        var first = DigestReleaser.DigestOf(window, items)!;
        var again = DigestReleaser.DigestOf(window, [.. items.AsEnumerable().Reverse()])!;

        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(first, EventEnvelope.JsonOptions), System.Text.Json.JsonSerializer.Serialize(again, EventEnvelope.JsonOptions));
        Assert.Equal(DeliveryKeys.ForDigest("alice", "email", "comments:42", Opens), first.DeliveryKey);
        Assert.Equal(DeliveryKeys.DigestNotificationId(first.DeliveryKey), again.NotificationId);
    }

    [Fact]
    public void Each_window_has_a_key_of_its_own_and_a_separator_in_a_user_id_cannot_make_two_alike()
    {
        Assert.NotEqual(DeliveryKeys.ForDigest("alice", "email", "comments:42", Opens), DeliveryKeys.ForDigest("alice", "email", "comments:42", Opens.AddMinutes(10)));
        Assert.NotEqual(DeliveryKeys.ForDigest("alice", "email", "comments:42", Opens), DeliveryKeys.ForDigest("alice", "sms", "comments:42", Opens));
        Assert.NotEqual(DeliveryKeys.ForDigest("a:b", "email", "x", Opens), DeliveryKeys.ForDigest("a", "email", "b:x", Opens));
        Assert.False(DeliveryKeys.IsDigest(DeliveryKeys.For(Guid.NewGuid(), "digest:alice", "email")));
    }

    [Fact]
    public void A_window_whose_items_were_all_cancelled_sends_nothing()
    {
        Assert.Null(DigestReleaser.DigestOf(Window(), []));
    }

    [Fact]
    public void A_large_window_lists_the_first_items_and_counts_them_all()
    {
        var window = Window();
        var digest = DigestReleaser.DigestOf(window, [.. Enumerable.Range(1, DeliveryDispatched.DigestItemsListed + 7).Select(i => Collected(window, i))])!;

        Assert.Equal(DeliveryDispatched.DigestItemsListed + 7, digest.DigestCount);
        Assert.Equal(DeliveryDispatched.DigestItemsListed, digest.DigestItems!.Count);
    }

    [Fact]
    public void A_collected_delivery_is_not_sent_on_its_own_when_its_record_comes_again()
    {
        var clock = Deliveries.Clock();
        var delivery = Deliveries.New(clock);
        delivery.Digest("In digest comments:42", clock.GetUtcNow().AddMinutes(10), clock.GetUtcNow());
        var record = new DeliveryDispatched(delivery.NotificationId, delivery.DeliveryKey, "alice", null, "email", "s", "b", null, 1, null, []);

        Assert.IsType<DeliveryStep.AnnounceFinal>(DeliveryStep.For(delivery, record, clock.GetUtcNow(), Deliveries.Lease));
        Assert.False(delivery.IsFinal); // a cancellation still reaches it
    }

    [Theory]
    [InlineData(DeliveryState.Delivered, "Delivered")]
    [InlineData(DeliveryState.Failed, "Failed")]
    [InlineData(DeliveryState.Cancelled, "Cancelled")]
    public void A_collected_delivery_ends_as_its_digest_ends(DeliveryState digestState, string expected)
    {
        var clock = Deliveries.Clock();
        var item = Deliveries.New(clock);
        item.Digest("In digest comments:42", clock.GetUtcNow().AddMinutes(10), clock.GetUtcNow());
        var digest = Deliveries.In(digestState, clock);

        item.SettleFromDigest(digest, "comments:42", clock.GetUtcNow());

        Assert.Equal(expected, item.State.ToString());
        Assert.Equal(0, item.AttemptCount);
        Assert.Contains("comments:42", item.LastError);
    }

    private static DigestWindow Window() => new()
    {
        DeliveryKey = DeliveryKeys.ForDigest("alice", "email", Comments.Key, Opens),
        RecipientUserId = "alice",
        Channel = "email",
        DigestKey = Comments.Key,
        OpensAt = Opens,
        ClosesAt = Opens + Comments.Window,
    };

    private static CollectedDelivery Collected(DigestWindow window, int i)
    {
        var notificationId = Guid.CreateVersion7(Opens.AddSeconds(i));
        var record = new DeliveryDispatched(notificationId, DeliveryKeys.For(notificationId, "alice", "email"), "alice", null, "email",
            $"Comment {i}", $"Reply number {i}", null, 1, null, []) { Digest = Comments, Category = "general" };
        return new CollectedDelivery
        {
            DeliveryKey = record.DeliveryKey,
            WindowKey = window.DeliveryKey,
            NotificationId = notificationId,
            Record = System.Text.Json.JsonSerializer.Serialize(record, EventEnvelope.JsonOptions),
            CollectedAt = Opens.AddSeconds(i),
        };
    }
}
