namespace Notifications.Api.Model;

/// <summary>
/// A template operators manage by its key: what it is called and which version sends use when they do not pin
/// one. Its content lives in immutable <see cref="TemplateVersion"/>s; saving adds one and makes it current.
/// </summary>
public sealed class NotificationTemplate
{
    /// <summary>The slug senders name (`order-shipped`).</summary>
    public required string Key { get; init; }
    public required string Name { get; set; }
    public string? Description { get; set; }

    /// <summary>The current version's default locale, repeated here for lists.</summary>
    public required string DefaultLocale { get; set; }
    public int CurrentVersion { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<TemplateVersion> Versions { get; init; } = [];
}
