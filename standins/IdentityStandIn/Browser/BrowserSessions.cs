using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using NotificationAspire.Standins.IdentityStandIn.Realm;

namespace NotificationAspire.Standins.IdentityStandIn.Browser;

/// <summary>
/// The people signed in through the login page, as Keycloak's user sessions: an id (the tokens' <c>sid</c>) that
/// the session cookie, authorization codes and refresh tokens name. Refreshing a token needs its session alive,
/// so ending the session (end-session endpoint, idle or maximum lifespan passed) makes every refresh token of it
/// useless, although the tokens themselves are self-contained. In memory only: a dev stand-in keeps no state
/// across restarts, so a restart signs everyone out, as it also rotates the signing keys.
/// </summary>
public sealed class BrowserSessions(RealmDirectory realm, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, BrowserSession> _sessions = new(StringComparer.Ordinal);

    // Hashes of redeemed authorization codes, until the code would have expired anyway: a code works once.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _redeemedCodes = new(StringComparer.Ordinal);

    public BrowserSession Start(RealmUser user)
    {
        var now = time.GetUtcNow();
        var session = new BrowserSession(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), user.Username.ToLowerInvariant(), now) { LastUsed = now };
        _sessions[session.Id] = session;
        return session;
    }

    /// <summary>The session, if it is still alive; using it keeps it from going idle.</summary>
    public BrowserSession? Use(string? id)
    {
        if (id is null || !_sessions.TryGetValue(id, out var session))
        {
            return null;
        }
        var now = time.GetUtcNow();
        if (now - session.LastUsed > realm.SessionIdleTimeout || now - session.Started > realm.SessionMaxLifespan)
        {
            _sessions.TryRemove(id, out _);
            return null;
        }
        session.LastUsed = now;
        return session;
    }

    public bool End(string? id) => id is not null && _sessions.TryRemove(id, out _);

    /// <summary>False when the code was redeemed before (Keycloak: "Code not valid").</summary>
    public bool TryRedeemCode(string code, DateTimeOffset expires)
    {
        var now = time.GetUtcNow();
        foreach (var (key, until) in _redeemedCodes)
        {
            if (until < now)
            {
                _redeemedCodes.TryRemove(key, out _);
            }
        }
        return _redeemedCodes.TryAdd(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(code))), expires);
    }
}

public sealed record BrowserSession(string Id, string Username, DateTimeOffset Started)
{
    public DateTimeOffset LastUsed { get; set; }
}
