using Microsoft.EntityFrameworkCore;
using Notifications.Api.Model;

namespace Notifications.Api.Data;

/// <summary>Senders' status webhook endpoints and the messages waiting for them or sent to them.</summary>
public static class WebhookMapping
{
    public static void MapWebhooks(this ModelBuilder model)
    {
        model.Entity<WebhookEndpoint>(e =>
        {
            e.ToTable("webhook_endpoints");
            e.HasKey(x => x.Id);
            e.Property(x => x.SenderId).HasMaxLength(200);
            e.Property(x => x.Url).HasMaxLength(2000);
            e.Property(x => x.Secret).HasMaxLength(100);
            e.Property(x => x.PreviousSecret).HasMaxLength(100);
            e.Property(x => x.DisabledReason).HasMaxLength(500);
            e.HasIndex(x => x.SenderId);
            // Deleting an endpoint drops what was still waiting for it.
            e.HasMany<WebhookMessage>().WithOne().HasForeignKey(m => m.EndpointId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<WebhookMessage>(m =>
        {
            m.ToTable("webhook_messages");
            m.HasKey(x => x.Id);
            m.Property(x => x.Id).HasMaxLength(40);
            m.Property(x => x.EventType).HasMaxLength(64);
            // text, not jsonb: jsonb would re-serialize it, and the bytes signed must be the bytes sent.
            m.Property(x => x.Payload).HasColumnType("text");
            m.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
            m.Property(x => x.LastError).HasMaxLength(2000);
            // The dispatcher's question: what is pending and due.
            m.HasIndex(x => new { x.State, x.NextAttemptAt });
            m.HasIndex(x => new { x.EndpointId, x.CreatedAt });
        });
    }
}
