using System.ComponentModel.DataAnnotations;

namespace Delivery.Worker.Providers.Email;

/// <summary>`Email` configuration: who the platform's emails come from, and how long to wait for the server.</summary>
public sealed class EmailOptions
{
    public const string SectionName = "Email";

    [Required]
    public string From { get; set; } = "NotificationAspire <notifications@notificationaspire.local>";

    /// <summary>
    /// How long one SMTP step (connect included) may take, up to the accepted recipients. A server that accepts connections but never
    /// answers (a dead one behind a proxy) would otherwise hold a delivery for long before it can be retried.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long the message itself may take, from DATA to the server's reply to its end (see
    /// <see cref="SmtpDeliveryClient"/>). With <see cref="CommandTimeout"/>, shorter than the send budget (four fifths of
    /// `Delivery:Retry:SendingLease`), which is checked at startup: the budget ends a send before its lease can run out.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan DataTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
