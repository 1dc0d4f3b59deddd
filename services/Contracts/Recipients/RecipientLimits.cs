namespace NotificationAspire.Contracts.Recipients;

/// <summary>What one bulk upsert of recipient profiles may carry; the gateway lets this route's body through up to the same size.</summary>
public static class RecipientLimits
{
    public const int MaxBulkRecipients = 1_000;

    /// <summary>A thousand typical profiles (an address, a phone, a locale, a zone and a few custom fields) with room to spare.</summary>
    public const int MaxBulkBodyBytes = 1024 * 1024;
}
