using NotificationAspire.Contracts.Events;
using NotificationAspire.Messaging;

namespace BuildingBlocks.Tests;

/// <summary>
/// How a consumer reads a record into its event: what it cannot use is an <see cref="UnreadableEventException"/>
/// (a dead letter), never a half-filled event handed to a handler.
/// </summary>
public sealed class EventReadingTests
{
    private static readonly Guid NotificationId = Guid.Parse("0193f0a2-7c1e-7d3b-9a51-3f6f1a2b4c5d");

    [Fact]
    public void A_complete_event_of_the_known_version_is_read()
    {
        var cancelled = Subscription.Read<NotificationCancelled>(Envelope(
            $$"""{"notificationId":"{{NotificationId}}","correlationKey":"order-1","cancelledBy":"shop","cancelledAt":"2026-12-01T00:00:00Z","schemaVersion":1}"""));

        Assert.Equal((NotificationId, "shop"), (cancelled.NotificationId, cancelled.CancelledBy));
    }

    [Theory]
    [InlineData("""{"notificationId":"0193f0a2-7c1e-7d3b-9a51-3f6f1a2b4c5d","schemaVersion":1}""", "cancelledBy")]
    [InlineData("""{"notificationId":"0193f0a2-7c1e-7d3b-9a51-3f6f1a2b4c5d","cancelledBy":"shop","schemaVersion":2}""", "schema version 2")]
    [InlineData("""{"notificationId":"not-a-guid","cancelledBy":"shop","schemaVersion":1}""", "cannot be read")]
    [InlineData("""{"notificationId":""", "cannot be read")]
    public void An_event_missing_a_field_of_another_version_or_not_json_is_unreadable(string payload, string reason)
    {
        var error = Assert.Throws<UnreadableEventException>(() => Subscription.Read<NotificationCancelled>(Envelope(payload)));

        Assert.Contains(reason, error.Message);
        Assert.IsAssignableFrom<UnprocessableEventException>(error);
    }

    [Fact]
    public void A_dead_letter_is_known_by_what_it_concerns_and_what_tells_it_apart()
    {
        var note = new DeadLetterNote("notification-dispatch [[3]] @42", "9f86d081884c7d65", "cannot be read");

        Assert.Equal("notification-dispatch [[3]] @42:dead:9f86d081884c7d65", note.Id);
    }

    private static EventEnvelope Envelope(string payload) =>
        new("event-1", NotificationCancelled.EventType, "/tests", DateTimeOffset.UnixEpoch, NotificationId.ToString(), payload);
}
