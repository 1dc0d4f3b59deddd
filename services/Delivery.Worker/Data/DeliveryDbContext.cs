using Delivery.Worker.Digesting;
using Delivery.Worker.Holding;
using Delivery.Worker.Model;
using Microsoft.EntityFrameworkCore;

namespace Delivery.Worker.Data;

/// <summary>
/// The worker's own database: one row per delivery, the record that keeps sends exactly-once, and the
/// cancelled notifications every attempt checks first.
/// </summary>
public sealed class DeliveryDbContext(DbContextOptions<DeliveryDbContext> options) : DbContext(options)
{
    public DbSet<RecipientDelivery> Deliveries => Set<RecipientDelivery>();

    public DbSet<NotificationCancellation> Cancellations => Set<NotificationCancellation>();

    public DbSet<HeldDelivery> HeldDeliveries => Set<HeldDelivery>();

    public DbSet<DigestWindow> DigestWindows => Set<DigestWindow>();

    public DbSet<CollectedDelivery> CollectedDeliveries => Set<CollectedDelivery>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<RecipientDelivery>(d =>
        {
            d.ToTable("deliveries");
            d.HasKey(x => x.DeliveryKey);
            // Keys, user ids and contacts come from the event unbounded; a length limit here would turn an
            // oversized value into a write that fails on every retry and stalls the partition.
            d.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
            d.Property(x => x.LastError).HasMaxLength(RecipientDelivery.MaxErrorLength);
            d.Property(x => x.Version).IsRowVersion();
            d.HasIndex(x => x.NotificationId);
            // The throttle counts one person's recent messages of a category on a channel.
            d.HasIndex(x => new { x.RecipientUserId, x.Channel, x.Category, x.UpdatedAt });
        });

        model.Entity<HeldDelivery>(h =>
        {
            h.ToTable("held_deliveries");
            h.HasKey(x => x.DeliveryKey);
            h.Property(x => x.Record).HasColumnType("jsonb");
            h.HasIndex(x => x.DueAt);
        });

        model.Entity<DigestWindow>(w =>
        {
            w.ToTable("digest_windows");
            w.HasKey(x => x.DeliveryKey);
            // One open window per person, channel and key: two consumers opening one at once cannot both win.
            w.HasIndex(x => new { x.RecipientUserId, x.Channel, x.DigestKey }).IsUnique().HasFilter("\"ReleasedAt\" IS NULL");
            w.HasIndex(x => x.ClosesAt).HasFilter("\"ReleasedAt\" IS NULL");
        });

        model.Entity<CollectedDelivery>(c =>
        {
            c.ToTable("collected_deliveries");
            c.HasKey(x => x.DeliveryKey);
            c.Property(x => x.Record).HasColumnType("jsonb");
            c.HasIndex(x => x.WindowKey);
            c.HasIndex(x => x.NotificationId);
        });

        model.Entity<NotificationCancellation>(c =>
        {
            c.ToTable("cancellations");
            c.HasKey(x => x.NotificationId);
        });
    }
}
