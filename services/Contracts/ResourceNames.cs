namespace NotificationAspire.Contracts;

/// <summary>Names of the AppHost's resources; services use them as connection-string and discovery names.</summary>
public static class ResourceNames
{
    public const string Postgres = "postgres";
    public const string Kafka = "kafka";
    public const string Identity = "identity";
    public const string Mail = "mail";

    /// <summary>The SMS providers' stand-in (Twilio's and Vonage's APIs) when run; deployed, the worker calls the real ones.</summary>
    public const string SmsCarrier = "sms-carrier";

    /// <summary>A browser push service's stand-in (RFC 8030 with VAPID) when run; deployed, browsers' real push services.</summary>
    public const string PushService = "push-service";

    public const string Gateway = "gateway";
    public const string NotificationsApi = "notifications-api";
    public const string DeliveryWorker = "delivery-worker";
    public const string PreferencesApi = "preferences-api";
    public const string InboxApi = "inbox-api";

    /// <summary>The web console's pages, served behind the gateway at /console/.</summary>
    public const string Console = "console";

    public const string NotificationsDatabase = "notificationsdb";
    public const string DeliveryDatabase = "deliverydb";
    public const string PreferencesDatabase = "preferencesdb";

    /// <summary>The gateway's browser sessions and Data Protection keys, shared by its replicas.</summary>
    public const string GatewayDatabase = "gatewaydb";
    public const string InboxDatabase = "inboxdb";
}
