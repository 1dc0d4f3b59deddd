using Microsoft.EntityFrameworkCore;
using Preferences.Api.Model;

namespace Preferences.Api.Data;

/// <summary>preferences-api's own database: recipient profiles, categories, preferences, quiet hours, push subscriptions and webhook endpoints.</summary>
public sealed class PreferencesDbContext(DbContextOptions<PreferencesDbContext> options) : DbContext(options)
{
    public DbSet<RecipientProfile> Recipients => Set<RecipientProfile>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Preference> Preferences => Set<Preference>();
    public DbSet<QuietHours> QuietHours => Set<QuietHours>();
    public DbSet<PushSubscription> PushSubscriptions => Set<PushSubscription>();
    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<RecipientProfile>(r =>
        {
            r.ToTable("recipients");
            r.HasKey(x => x.UserId);
            r.Property(x => x.UserId).HasMaxLength(200);
            r.Property(x => x.Email).HasMaxLength(320);
            r.Property(x => x.Phone).HasMaxLength(16);
            r.Property(x => x.Locale).HasMaxLength(85);
            r.Property(x => x.TimeZone).HasMaxLength(64);
            r.Property(x => x.DataJson).HasColumnType("jsonb");
        });
        model.Entity<Category>(c =>
        {
            c.ToTable("categories");
            c.HasKey(x => x.Key);
            c.Property(x => x.Key).HasMaxLength(64);
            c.Property(x => x.Name).HasMaxLength(200);
        });
        model.Entity<Preference>(p =>
        {
            p.ToTable("preferences");
            p.HasKey(x => x.Id);
            p.Property(x => x.UserId).HasMaxLength(200);
            p.Property(x => x.Category).HasMaxLength(64);
            p.Property(x => x.Channel).HasMaxLength(32);
            // One row per person, category and channel, the global (null category) one included: PostgreSQL 15's
            // NULLS NOT DISTINCT makes two global rows for the same channel a conflict too.
            p.HasIndex(x => new { x.UserId, x.Category, x.Channel }).IsUnique().AreNullsDistinct(false);
            // A deleted category takes its preferences with it; nothing can be sent in it any more.
            p.HasOne<Category>().WithMany().HasForeignKey(x => x.Category).HasPrincipalKey(x => x.Key).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<QuietHours>(q =>
        {
            q.ToTable("quiet_hours");
            q.HasKey(x => x.UserId);
            q.Property(x => x.UserId).HasMaxLength(200);
        });
        model.Entity<PushSubscription>(p =>
        {
            p.ToTable("push_subscriptions");
            p.HasKey(x => x.Id);
            p.Property(x => x.UserId).HasMaxLength(200);
            p.Property(x => x.Endpoint).HasMaxLength(NotificationAspire.Contracts.Recipients.PushSubscriptionLimits.MaxEndpointLength);
            p.Property(x => x.P256dh).HasMaxLength(100);
            p.Property(x => x.Auth).HasMaxLength(40);
            // A browser's endpoint belongs to one person at a time here; registering it again updates it.
            p.HasIndex(x => new { x.UserId, x.Endpoint }).IsUnique();
        });
        model.Entity<WebhookEndpoint>(e =>
        {
            e.ToTable("webhook_endpoints");
            e.HasKey(x => x.Id);
            e.Property(x => x.UserId).HasMaxLength(200);
            e.Property(x => x.Url).HasMaxLength(NotificationAspire.Webhooks.WebhookUrl.MaxLength);
            e.Property(x => x.Secret).HasMaxLength(100);
            e.Property(x => x.DisabledReason).HasMaxLength(500);
            // The same URL twice for one person would post every notification to it twice.
            e.HasIndex(x => new { x.UserId, x.Url }).IsUnique();
        });
    }
}
