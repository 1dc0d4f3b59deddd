using Microsoft.EntityFrameworkCore;
using Notifications.Api.Model;

namespace Notifications.Api.Data;

/// <summary>Topics, who is subscribed to them, and the progress of each topic send's fan-out.</summary>
public static class TopicMapping
{
    public const int MaxKeyLength = 64;
    public const int MaxNameLength = 200;
    public const int MaxUserIdLength = 200;

    public static void MapTopics(this ModelBuilder model)
    {
        model.Entity<Topic>(t =>
        {
            t.ToTable("topics");
            t.HasKey(x => x.Key);
            t.Property(x => x.Key).HasMaxLength(MaxKeyLength);
            t.Property(x => x.Name).HasMaxLength(MaxNameLength);
            t.Property(x => x.CreatedBy).HasMaxLength(200);
            // Deleting a topic ends its subscriptions with it.
            t.HasMany<TopicSubscription>().WithOne().HasForeignKey(s => s.TopicKey).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<TopicSubscription>(s =>
        {
            s.ToTable("topic_subscriptions");
            // (topic, user) is the keyset the fan-out and the subscriber list page through: `UserId > cursor ORDER BY UserId`.
            s.HasKey(x => new { x.TopicKey, x.UserId });
            s.Property(x => x.UserId).HasMaxLength(MaxUserIdLength);
            // A person's own subscriptions (`/api/me/topics`).
            s.HasIndex(x => x.UserId);
        });
        model.Entity<TopicFanOut>(f =>
        {
            f.ToTable("topic_fan_outs");
            f.HasKey(x => x.NotificationId);
            f.Property(x => x.Cursor).HasMaxLength(MaxUserIdLength);
            f.Ignore(x => x.IsComplete);
            // The fan-out service's question: what is not complete yet, the one waiting longest first (round robin over sends).
            f.HasIndex(x => x.UpdatedAt).HasFilter("\"CompletedAt\" IS NULL");
            f.HasOne<Notification>().WithOne().HasForeignKey<TopicFanOut>(x => x.NotificationId);
        });
    }
}
