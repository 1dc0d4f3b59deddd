using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Bff.Data;

/// <summary>
/// What the gateway's replicas share so any of them can serve any browser: the session tickets (tokens included,
/// encrypted with Data Protection) and the Data Protection key ring that encrypts them and the cookies.
/// </summary>
public sealed class GatewayDbContext(DbContextOptions<GatewayDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<SessionTicket> SessionTickets => Set<SessionTicket>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SessionTicket>(ticket =>
        {
            ticket.ToTable("session_tickets");
            ticket.HasKey(t => t.Key);
            ticket.Property(t => t.Key).HasColumnName("key").HasMaxLength(64);
            ticket.Property(t => t.Subject).HasColumnName("subject").HasMaxLength(256);
            ticket.Property(t => t.Ticket).HasColumnName("ticket");
            ticket.Property(t => t.ExpiresAt).HasColumnName("expires_at");
            ticket.Property(t => t.UpdatedAt).HasColumnName("updated_at");
            ticket.HasIndex(t => t.ExpiresAt);
        });
        modelBuilder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
    }
}

/// <summary>One browser session: its cookie holds only <see cref="Key"/>; the ticket (claims and tokens) stays here.</summary>
public sealed class SessionTicket
{
    public required string Key { get; init; }

    /// <summary>Whose session (the token's sub), for an operator looking at the table; not used to find it.</summary>
    public string? Subject { get; set; }

    /// <summary>The serialized authentication ticket, encrypted with Data Protection (it holds refresh tokens).</summary>
    public required byte[] Ticket { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
