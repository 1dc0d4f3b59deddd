using System.ComponentModel.DataAnnotations;

namespace Delivery.Worker.Providers.Sms;

/// <summary>
/// `Sms`: the sender number and each provider's account. A provider without credentials is not registered;
/// the AppHost passes them as secret parameters (never in the repo).
/// </summary>
public sealed class SmsOptions
{
    public const string SectionName = "Sms";

    /// <summary>The number texts come from, in E.164.</summary>
    [Required]
    public string From { get; set; } = "";

    /// <summary>How long a provider may take to answer before it counts as failed and the next one is tried.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public TwilioAccount Twilio { get; set; } = new();

    public VonageAccount Vonage { get; set; } = new();
}

/// <summary>Twilio's Programmable Messaging REST API: account SID and auth token (HTTP basic authentication).</summary>
public sealed class TwilioAccount
{
    public Uri BaseUrl { get; set; } = new("https://api.twilio.com/");
    public string? AccountSid { get; set; }
    public string? AuthToken { get; set; }

    public bool IsConfigured => !string.IsNullOrEmpty(AccountSid) && !string.IsNullOrEmpty(AuthToken);
}

/// <summary>Vonage's (formerly Nexmo) SMS API: API key and secret in the request.</summary>
public sealed class VonageAccount
{
    public Uri BaseUrl { get; set; } = new("https://rest.nexmo.com/");
    public string? ApiKey { get; set; }
    public string? ApiSecret { get; set; }

    public bool IsConfigured => !string.IsNullOrEmpty(ApiKey) && !string.IsNullOrEmpty(ApiSecret);
}
