using System.ComponentModel.DataAnnotations;

namespace Delivery.Worker.Providers.Email;

/// <summary>`Email` configuration: who the platform's emails come from.</summary>
public sealed class EmailOptions
{
    public const string SectionName = "Email";

    [Required]
    public string From { get; set; } = "NotificationAspire <notifications@notificationaspire.local>";
}
