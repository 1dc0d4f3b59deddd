using Microsoft.EntityFrameworkCore;
using Notifications.Api.Model;
using NotificationAspire.Contracts.Recipients;
using NotificationAspire.Outbox;

namespace Notifications.Api.Data;

/// <summary>The command side's own database: notifications, their recipients and attempts, dead letters, templates, status webhooks, topics, and the outbox.</summary>
public sealed class NotificationsDbContext(DbContextOptions<NotificationsDbContext> options) : DbContext(options)
{
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<DeliveryAttempt> DeliveryAttempts => Set<DeliveryAttempt>();
    public DbSet<DeadLetter> DeadLetters => Set<DeadLetter>();
    public DbSet<NotificationTemplate> Templates => Set<NotificationTemplate>();
    public DbSet<TemplateVersion> TemplateVersions => Set<TemplateVersion>();
    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();
    public DbSet<WebhookMessage> WebhookMessages => Set<WebhookMessage>();
    public DbSet<Topic> Topics => Set<Topic>();
    public DbSet<TopicSubscription> TopicSubscriptions => Set<TopicSubscription>();
    public DbSet<TopicFanOut> TopicFanOuts => Set<TopicFanOut>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<Notification>(n =>
        {
            n.ToTable("notifications");
            n.HasKey(x => x.Id);
            n.Property(x => x.SenderId).HasMaxLength(200);
            n.Property(x => x.Channel).HasMaxLength(32);
            n.Property(x => x.Strategy).HasMaxLength(32);
            n.Property(x => x.Category).HasMaxLength(64).HasDefaultValue(NotificationCategories.General);
            n.Property(x => x.TemplateKey).HasMaxLength(200);
            n.Property(x => x.TemplateDataJson).HasColumnType("jsonb");
            n.Property(x => x.CorrelationKey).HasMaxLength(200);
            n.Property(x => x.IdempotencyKey).HasMaxLength(200);
            n.Property(x => x.RequestHash).HasMaxLength(64);
            n.Property(x => x.Status).HasConversion<string>().HasMaxLength(32);
            n.Property(x => x.CancelledBy).HasMaxLength(200);
            n.Ignore(x => x.SendTime);
            // A wall-clock time with no zone of its own: each recipient's zone gives it its instant.
            n.Property(x => x.SendAtLocal).HasColumnType("timestamp without time zone");
            // One notification per sender and key: concurrent retries race here, and the loser reads the winner.
            n.HasIndex(x => new { x.SenderId, x.IdempotencyKey }).IsUnique().HasFilter("\"IdempotencyKey\" IS NOT NULL");
            n.HasIndex(x => new { x.SenderId, x.CreatedAt });
            n.HasIndex(x => new { x.SenderId, x.CorrelationKey });
            // The reconciler looks for what is not final and has not moved for a while.
            n.HasIndex(x => new { x.Status, x.UpdatedAt });
            n.HasMany(x => x.Recipients).WithOne().HasForeignKey(r => r.NotificationId);
            n.HasMany(x => x.Attempts).WithOne().HasForeignKey(a => a.NotificationId);
        });
        model.Entity<NotificationRecipient>(r =>
        {
            r.ToTable("notification_recipients");
            r.HasKey(x => new { x.NotificationId, x.UserId });
            r.Property(x => x.UserId).HasMaxLength(200);
            r.Property(x => x.Contact).HasMaxLength(320);
        });
        model.Entity<DeliveryAttempt>(a =>
        {
            a.ToTable("delivery_attempts");
            a.HasKey(x => x.EventId);
            a.Property(x => x.EventId).HasMaxLength(500); // the worker's ids embed the recipient's user id
            a.Property(x => x.RecipientUserId).HasMaxLength(200);
            a.Property(x => x.Channel).HasMaxLength(32);
            a.Property(x => x.State).HasMaxLength(32);
            a.Property(x => x.Error).HasMaxLength(2000);
            a.HasIndex(x => x.NotificationId);
        });
        model.Entity<DeadLetter>(d =>
        {
            d.ToTable("dead_letters");
            d.HasKey(x => x.Id);
            d.Property(x => x.Id).HasMaxLength(500);
            d.Property(x => x.DeliveryKey).HasMaxLength(500);
            d.Property(x => x.RecipientUserId).HasMaxLength(200);
            d.Property(x => x.Channel).HasMaxLength(32);
            d.Property(x => x.Reason).HasMaxLength(2000);
            d.Property(x => x.AttemptsJson).HasColumnType("jsonb");
            d.Property(x => x.EventType).HasMaxLength(200);
            d.Property(x => x.PayloadJson).HasColumnType("jsonb");
            d.Property(x => x.ReplayedBy).HasMaxLength(200);
            d.HasIndex(x => x.DeadLetteredAt);
            d.HasIndex(x => x.NotificationId);
        });
        model.MapTemplates();
        model.MapWebhooks();
        model.MapTopics();
        model.MapOutbox();
    }
}
