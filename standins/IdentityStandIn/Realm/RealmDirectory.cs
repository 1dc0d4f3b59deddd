using System.Security.Cryptography;
using System.Text;

namespace NotificationAspire.Standins.IdentityStandIn.Realm;

/// <summary>Look-ups over one loaded realm: clients, users, service accounts, secrets and audiences.</summary>
public sealed class RealmDirectory
{
    private const string AudienceMapper = "oidc-audience-mapper";
    private const string ServiceAccountPrefix = "service-account-";
    private const string AccessTokenLifespanAttribute = "access.token.lifespan";

    private readonly Dictionary<string, RealmClient> _clients;
    private readonly Dictionary<string, RealmUser> _users;

    public RealmDirectory(RealmDocument document)
    {
        Document = document;
        _clients = document.Clients.ToDictionary(c => c.ClientId, StringComparer.Ordinal);

        // Keycloak stores usernames in lower case and matches them case-insensitively.
        _users = document.Users.ToDictionary(u => u.Username, StringComparer.OrdinalIgnoreCase);
    }

    public RealmDocument Document { get; }

    public string Name => Document.Realm!;

    public TimeSpan AccessTokenLifetime => TimeSpan.FromSeconds(Document.AccessTokenLifespan ?? 300);

    /// <summary>Keycloak's per-client override (<c>access.token.lifespan</c>, seconds), else the realm's.</summary>
    public TimeSpan AccessTokenLifetimeFor(RealmClient client) =>
        client.Attributes.TryGetValue(AccessTokenLifespanAttribute, out var value) && int.TryParse(value, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : AccessTokenLifetime;

    /// <summary>A browser session with no sign-in or token refresh for this long is over (Keycloak: SSO Session Idle).</summary>
    public TimeSpan SessionIdleTimeout => TimeSpan.FromSeconds(Document.SsoSessionIdleTimeout is int idle and > 0 ? idle : 1800);

    /// <summary>A browser session is over this long after sign-in, however busy (Keycloak: SSO Session Max).</summary>
    public TimeSpan SessionMaxLifespan => TimeSpan.FromSeconds(Document.SsoSessionMaxLifespan is int max and > 0 ? max : 36000);

    public string DisplayName => Document.DisplayName ?? Name;

    public RealmClient? FindClient(string? clientId) =>
        clientId is not null && _clients.TryGetValue(clientId, out var client) && client.Enabled ? client : null;

    public RealmUser? FindUser(string? username) =>
        username is not null && _users.TryGetValue(username, out var user) && user.ServiceAccountClientId is null ? user : null;

    /// <summary>A person signing in on the login page: by username, or by email (the realm allows login with email).</summary>
    public RealmUser? FindUserByLogin(string? login) =>
        FindUser(login) ?? (login is null ? null : Document.Users.FirstOrDefault(u =>
            u.ServiceAccountClientId is null && u.Email is { Length: > 0 } email && string.Equals(email, login, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The client's service-account user; Keycloak creates one with no roles if the file has none.</summary>
    public RealmUser ServiceAccountOf(RealmClient client) =>
        Document.Users.FirstOrDefault(u => string.Equals(u.ServiceAccountClientId, client.ClientId, StringComparison.Ordinal))
        ?? new RealmUser { Username = ServiceAccountPrefix + client.ClientId, Enabled = true, ServiceAccountClientId = client.ClientId };

    public static bool SecretMatches(RealmClient client, string? presented) =>
        client.PublicClient || (client.Secret is { Length: > 0 } secret && FixedTimeEquals(secret, presented));

    public static bool PasswordMatches(RealmUser user, string? presented) =>
        user.Credentials.Any(c => string.Equals(c.Type, "password", StringComparison.OrdinalIgnoreCase)
                                  && c.Value is not null && FixedTimeEquals(c.Value, presented));

    /// <summary>Audiences the client's audience mappers put in access tokens, as Keycloak's oidc-audience-mapper does.</summary>
    public static IReadOnlyList<string> AccessTokenAudiences(RealmClient client) =>
        client.ProtocolMappers
            .Where(m => m.ProtocolMapper == AudienceMapper && ConfigFlag(m, "access.token.claim"))
            .SelectMany(m => new[] { Config(m, "included.custom.audience"), Config(m, "included.client.audience") })
            .OfType<string>()
            .Where(a => a.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>The user's id from the file, or a name-based GUID so <c>sub</c> stays the same across restarts.</summary>
    public string UserId(RealmUser user) => user.Id ?? NameBasedGuid($"{Name}/{user.Username.ToLowerInvariant()}");

    private static string? Config(RealmProtocolMapper mapper, string key) =>
        mapper.Config.TryGetValue(key, out var value) ? value : null;

    private static bool ConfigFlag(RealmProtocolMapper mapper, string key) =>
        string.Equals(Config(mapper, key), "true", StringComparison.OrdinalIgnoreCase);

    // Hash both sides first so the comparison time depends on neither value nor length.
    private static bool FixedTimeEquals(string expected, string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(presented)));

    // RFC 4122 version 5 layout (SHA-1 of the name): the same realm and username give the same id on every machine.
#pragma warning disable CA5350 // SHA-1 here derives an identifier, not a security property.
    private static string NameBasedGuid(string name)
    {
        Span<byte> bytes = stackalloc byte[16];
        SHA1.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 16).CopyTo(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString();
    }
#pragma warning restore CA5350
}
