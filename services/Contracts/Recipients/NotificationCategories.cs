namespace NotificationAspire.Contracts.Recipients;

/// <summary>Categories every installation has; operators add their own as data in `preferences-api`.</summary>
public static class NotificationCategories
{
    /// <summary>What a send without a category belongs to: non-critical, email by default.</summary>
    public const string General = "general";
}
