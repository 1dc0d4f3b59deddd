using System.ComponentModel.DataAnnotations;

namespace Delivery.Worker.Composing;

/// <summary>`Unsubscribe`: the one-click links in every non-critical email (RFC 8058).</summary>
public sealed class UnsubscribeOptions
{
    public const string SectionName = "Unsubscribe";

    /// <summary>Where people reach the platform (the gateway's public URL); links point there.</summary>
    [Required]
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>At least 32 characters; shared with `preferences-api`, which verifies the links (a secret parameter).</summary>
    [Required]
    public string? SigningKey { get; set; }

    /// <summary>How long a link keeps working: long enough for an email read late, short enough that old mail is not a standing key.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "365.00:00:00")]
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(60);
}
