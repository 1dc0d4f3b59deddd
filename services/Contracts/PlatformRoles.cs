namespace NotificationAspire.Contracts;

/// <summary>Realm roles from the identity provider, as they appear in role claims.</summary>
public static class PlatformRoles
{
    public const string Send = "notifications.send";
    public const string Admin = "notifications.admin";

    /// <summary>Support staff: read any notification, its timeline and dead letters; never replay, cancel or change.</summary>
    public const string Support = "notifications.support";

    /// <summary>
    /// The realm role that grants a client one notification category (`notifications.send:billing`). Realm roles,
    /// not client roles, so Keycloak and its stand-in put grants in the same `realm_access.roles` claim.
    /// </summary>
    public static string SendCategory(string category) => $"{Send}:{category}";

    /// <summary>Services that keep recipient profiles up to date (an account service, say).</summary>
    public const string RecipientsWrite = "recipients.write";

    /// <summary>The delivery worker: reads a person's contacts and preferences at delivery time.</summary>
    public const string RecipientsRead = "recipients.read";
}

/// <summary>Facts about the identity realm that services and the AppHost agree on.</summary>
public static class IdentityRealm
{
    public const string Name = "notifications";

    /// <summary>The audience every platform API expects; the realm's audience mapper puts it in access tokens.</summary>
    public const string ApiAudience = "notification-platform";
}

/// <summary>Authorization policy names; every endpoint names one of these.</summary>
public static class PlatformPolicies
{
    public const string Sender = "sender";
    public const string Admin = "admin";
    public const string Authenticated = "authenticated";

    /// <summary>Reads operational data (dead letters, templates): admin or support.</summary>
    public const string OperationsReader = "operations-reader";

    /// <summary>Upserts and erases recipient profiles: <see cref="PlatformRoles.RecipientsWrite"/> or admin.</summary>
    public const string RecipientWriter = "recipient-writer";

    /// <summary>Reads any recipient's delivery profile: <see cref="PlatformRoles.RecipientsRead"/> or admin.</summary>
    public const string RecipientReader = "recipient-reader";

    /// <summary>
    /// Reads delivery timelines: senders (<see cref="PlatformRoles.Send"/>; the endpoint then shows only their own
    /// notifications), operators and support (any).
    /// </summary>
    public const string TimelineReader = "timeline-reader";

    /// <summary>
    /// No token at all: only for what a signed link authorizes by itself (RFC 8058 one-click unsubscribe).
    /// Named like every other policy so "anonymous" is a choice visible at the endpoint, never a default.
    /// </summary>
    public const string SignedLink = "signed-link";
}

/// <summary>The realm's clients that platform services themselves use to call each other.</summary>
public static class ServiceClients
{
    public const string DeliveryWorker = "delivery-worker";
}
