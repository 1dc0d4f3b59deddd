namespace NotificationAspire.Standins.IdentityStandIn.Realm;

// The slice of Keycloak's realm representation the stand-in acts on. Property names follow Keycloak's
// JSON; everything else in the file (and Keycloak reads much more) is ignored on purpose.

public sealed record RealmDocument
{
    public string? Realm { get; init; }

    public string? DisplayName { get; init; }

    // Keycloak treats a missing "enabled" on a realm as disabled; the stand-in refuses such a realm.
    public bool Enabled { get; init; }

    public int? AccessTokenLifespan { get; init; }

    // A browser session ends after this long without use, or this long after sign-in (Keycloak's defaults: 30 min, 10 h).
    public int? SsoSessionIdleTimeout { get; init; }

    public int? SsoSessionMaxLifespan { get; init; }

    public RealmRoles? Roles { get; init; }

    public IReadOnlyList<RealmClient> Clients { get; init; } = [];

    public IReadOnlyList<RealmUser> Users { get; init; } = [];
}

public sealed record RealmRoles
{
    public IReadOnlyList<RealmRole> Realm { get; init; } = [];
}

public sealed record RealmRole
{
    public required string Name { get; init; }
}

public sealed record RealmClient
{
    public required string ClientId { get; init; }

    public string? Secret { get; init; }

    // Keycloak enables a client unless the file says otherwise.
    public bool Enabled { get; init; } = true;

    public bool PublicClient { get; init; }

    public bool ServiceAccountsEnabled { get; init; }

    public bool DirectAccessGrantsEnabled { get; init; }

    // Keycloak enables the authorization code flow unless the file says otherwise.
    public bool StandardFlowEnabled { get; init; } = true;

    /// <summary>Where the authorization endpoint may send a code: exact URIs, or a prefix ending in <c>*</c>.</summary>
    public IReadOnlyList<string> RedirectUris { get; init; } = [];

    /// <summary>
    /// Keycloak's free-form client settings; the stand-in reads <c>post.logout.redirect.uris</c>,
    /// <c>pkce.code.challenge.method</c> and <c>access.token.lifespan</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<RealmProtocolMapper> ProtocolMappers { get; init; } = [];
}

public sealed record RealmProtocolMapper
{
    public string? ProtocolMapper { get; init; }

    public IReadOnlyDictionary<string, string> Config { get; init; } = new Dictionary<string, string>();
}

public sealed record RealmUser
{
    public string? Id { get; init; }

    public required string Username { get; init; }

    // Keycloak imports a user without "enabled" as disabled; mirror that so the two behave alike.
    public bool Enabled { get; init; }

    public string? Email { get; init; }

    public bool EmailVerified { get; init; }

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public string? ServiceAccountClientId { get; init; }

    public IReadOnlyList<string> RealmRoles { get; init; } = [];

    public IReadOnlyList<RealmCredential> Credentials { get; init; } = [];
}

public sealed record RealmCredential
{
    public string? Type { get; init; }

    // Only plain "value" credentials are understood; hashed exports (secretData) never match.
    public string? Value { get; init; }
}
