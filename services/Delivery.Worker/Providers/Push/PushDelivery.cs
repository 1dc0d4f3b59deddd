using Lib.Net.Http.WebPush;

namespace Delivery.Worker.Providers.Push;

/// <summary>How long a push service keeps a category's message for an offline browser, and how urgent it is (RFC 8030 §5.2-5.3).</summary>
public static class PushDelivery
{
    public static (TimeSpan Ttl, PushMessageUrgency Urgency) For(WebPushOptions settings, string? category)
    {
        var own = category is null ? null : settings.Categories.GetValueOrDefault(category);
        var urgency = own?.Urgency switch
        {
            "very-low" => PushMessageUrgency.VeryLow,
            "low" => PushMessageUrgency.Low,
            "high" => PushMessageUrgency.High,
            _ => PushMessageUrgency.Normal,
        };
        return (own?.TimeToLive ?? settings.TimeToLive, urgency);
    }
}
