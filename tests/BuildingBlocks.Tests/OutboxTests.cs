using Microsoft.EntityFrameworkCore;
using NotificationAspire.Contracts;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Messaging;
using NotificationAspire.Outbox;

namespace BuildingBlocks.Tests;

/// <summary>
/// What an event becomes in the outbox: a row a relay or a CDC connector can publish without knowing the event
/// type (topic as aggregate type, key as aggregate id), added to the caller's unit of work, not saved by itself.
/// </summary>
public sealed class OutboxTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_event_becomes_a_row_routed_by_its_topic_and_keyed_by_its_partition_key()
    {
        using var db = new ServiceDbContext();
        var cancelled = new NotificationCancelled(Guid.NewGuid(), "order-1", "shop", Now);

        new EfCoreOutbox<ServiceDbContext>(db, new FixedClock()).Add(cancelled);

        var row = Assert.Single(db.ChangeTracker.Entries<OutboxMessage>());
        Assert.Equal(EntityState.Added, row.State);
        Assert.Equal(KafkaTopics.NotificationRequests.Name, row.Entity.AggregateType);
        Assert.Equal(cancelled.NotificationId.ToString(), row.Entity.AggregateId);
        Assert.Equal(NotificationCancelled.EventType, row.Entity.EventType);
        Assert.Contains("\"cancelledBy\":\"shop\"", row.Entity.Payload);
        Assert.Equal(Now, row.Entity.CreatedAt);
    }

    [Fact]
    public void A_publisher_may_name_the_event_id_and_another_topic()
    {
        using var db = new ServiceDbContext();
        var id = Guid.NewGuid();
        var tier = KafkaTopics.RetryTiers[0];

        new EfCoreOutbox<ServiceDbContext>(db, new FixedClock())
            .Add(new NotificationCancelled(Guid.NewGuid(), "order-1", "shop", Now), new PublishOptions(EventId: id.ToString(), Topic: tier));

        var row = Assert.Single(db.ChangeTracker.Entries<OutboxMessage>()).Entity;
        Assert.Equal((id, tier.Name), (row.Id, row.AggregateType));
    }

    /// <summary>A service's DbContext with the outbox mapped; never connects (nothing is saved).</summary>
    private sealed class ServiceDbContext : DbContext
    {
        protected override void OnConfiguring(DbContextOptionsBuilder options) => options.UseNpgsql("Host=unused.invalid");

        protected override void OnModelCreating(ModelBuilder model) => model.MapOutbox();
    }

    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => Now;
    }
}
