using System.Security.Cryptography;
using Gateway.Bff.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Bff;

/// <summary>
/// Server-side session tickets in the gateway's database, so every replica finds every session and signing out
/// really ends one: the cookie only names a row, and a deleted row makes that cookie worthless even if someone
/// kept a copy. Tickets are encrypted with Data Protection (they hold the refresh token). A renewal never brings
/// back a row that a sign-out on another replica deleted meanwhile.
/// </summary>
public sealed class DatabaseTicketStore(IServiceScopeFactory scopes, IDataProtectionProvider protection, TimeProvider time) : ITicketStore
{
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(8);
    private readonly IDataProtector _protector = protection.CreateProtector("Gateway.Bff.SessionTickets");

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = time.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        // Sessions nobody signed out of are cleaned up here rather than by a timer of every replica.
        await db.SessionTickets.Where(t => t.ExpiresAt < now).ExecuteDeleteAsync();
        db.SessionTickets.Add(new SessionTicket
        {
            Key = key,
            Subject = ticket.Principal.FindFirst("sub")?.Value,
            Ticket = Protect(ticket),
            ExpiresAt = ExpiresAt(ticket, now),
            UpdatedAt = now,
        });
        await db.SaveChangesAsync();
        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        var now = time.GetUtcNow();
        var protectedTicket = Protect(ticket);
        var expiresAt = ExpiresAt(ticket, now);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        await db.SessionTickets.Where(t => t.Key == key).ExecuteUpdateAsync(set => set
            .SetProperty(t => t.Ticket, protectedTicket)
            .SetProperty(t => t.ExpiresAt, expiresAt)
            .SetProperty(t => t.UpdatedAt, now));
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        var row = await db.SessionTickets.AsNoTracking().FirstOrDefaultAsync(t => t.Key == key);
        if (row is null || row.ExpiresAt < time.GetUtcNow())
        {
            return null;
        }
        try
        {
            return TicketSerializer.Default.Deserialize(_protector.Unprotect(row.Ticket));
        }
        catch (CryptographicException)
        {
            return null; // its key is gone from the ring: as good as signed out
        }
    }

    public async Task RemoveAsync(string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        await db.SessionTickets.Where(t => t.Key == key).ExecuteDeleteAsync();
    }

    private byte[] Protect(AuthenticationTicket ticket) => _protector.Protect(TicketSerializer.Default.Serialize(ticket));

    private static DateTimeOffset ExpiresAt(AuthenticationTicket ticket, DateTimeOffset now) =>
        ticket.Properties.ExpiresUtc ?? now + DefaultLifetime;
}
