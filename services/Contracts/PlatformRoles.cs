namespace NotificationAspire.Contracts;

/// <summary>Realm roles from the identity provider, as they appear in role claims.</summary>
public static class PlatformRoles
{
    public const string Send = "notifications.send";
    public const string Admin = "notifications.admin";
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
}
