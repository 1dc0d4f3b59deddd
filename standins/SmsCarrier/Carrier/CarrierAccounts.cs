namespace NotificationAspire.Standins.SmsCarrier.Carrier;

/// <summary>`Carrier`: the credentials each provider's API accepts, the same secret parameters the worker is given.</summary>
public sealed class CarrierAccounts
{
    public const string SectionName = "Carrier";

    public string TwilioAccountSid { get; set; } = "";
    public string TwilioAuthToken { get; set; } = "";
    public string VonageApiKey { get; set; } = "";
    public string VonageApiSecret { get; set; } = "";
}
