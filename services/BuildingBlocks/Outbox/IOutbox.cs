using NotificationAspire.Contracts.Events;
using NotificationAspire.Messaging;

namespace NotificationAspire.Outbox;

/// <summary>
/// Adds events to the caller's unit of work: they are stored by the caller's SaveChanges, in its transaction,
/// together with the change they announce or not at all, and published after the commit.
/// </summary>
public interface IOutbox
{
    /// <param name="options">The event id (a fresh one otherwise), another topic than the event's own, or its time.</param>
    void Add<TEvent>(TEvent @event, PublishOptions? options = null) where TEvent : IIntegrationEvent;
}
