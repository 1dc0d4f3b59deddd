using Inbox.Api.Model;
using Microsoft.EntityFrameworkCore;

namespace Inbox.Api.Data;

/// <summary>
/// inbox-api's own database: the projection (items, notifications, timelines), the people's marks on their items, and
/// the workers' latest provider reports.
/// </summary>
public sealed class InboxDbContext(DbContextOptions<InboxDbContext> options) : DbContext(options)
{
    public DbSet<InboxItem> Items => Set<InboxItem>();
    public DbSet<ItemMark> Marks => Set<ItemMark>();
    public DbSet<SentNotification> Notifications => Set<SentNotification>();
    public DbSet<TimelineEntry> Timeline => Set<TimelineEntry>();
    public DbSet<ProviderReport> ProviderReports => Set<ProviderReport>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<InboxItem>(i =>
        {
            i.ToTable("inbox_items");
            i.HasKey(x => new { x.UserId, x.NotificationId });
            i.Property(x => x.UserId).HasMaxLength(200);
            i.Property(x => x.EventId).HasMaxLength(300);
            i.Property(x => x.Category).HasMaxLength(64);
            // Pages and the stream read a person's items by sequence; two projections racing for a number collide here.
            i.HasIndex(x => new { x.UserId, x.Sequence }).IsUnique();
            i.HasIndex(x => x.EventId).IsUnique();
        });
        model.Entity<ItemMark>(m =>
        {
            m.ToTable("item_marks");
            m.HasKey(x => new { x.UserId, x.NotificationId });
            m.Property(x => x.UserId).HasMaxLength(200);
        });
        model.Entity<SentNotification>(n =>
        {
            n.ToTable("notifications");
            n.HasKey(x => x.Id);
            n.Property(x => x.SenderId).HasMaxLength(200);
            n.Property(x => x.Category).HasMaxLength(64);
        });
        model.Entity<TimelineEntry>(t =>
        {
            t.ToTable("timeline_entries");
            t.HasKey(x => x.EventId);
            t.Property(x => x.EventId).HasMaxLength(400);
            t.Property(x => x.RecipientUserId).HasMaxLength(200);
            t.Property(x => x.Channel).HasMaxLength(32);
            t.Property(x => x.State).HasMaxLength(32);
            t.HasIndex(x => x.NotificationId);
        });
        model.Entity<ProviderReport>(r =>
        {
            r.ToTable("provider_states");
            r.HasKey(x => new { x.ReplicaId, x.Channel, x.Provider });
            r.Property(x => x.ReplicaId).HasMaxLength(200);
            r.Property(x => x.Channel).HasMaxLength(32);
            r.Property(x => x.Provider).HasMaxLength(64);
            r.Property(x => x.State).HasMaxLength(16);
            r.Property(x => x.LastError).HasMaxLength(2000);
        });
    }
}
