using System.Diagnostics;

namespace Delivery.Worker.Providers;

/// <summary>Spans for the hops to providers; the "NotificationAspire." prefix is what ServiceDefaults' tracing listens to.</summary>
public static class DeliveryTelemetry
{
    public const string ActivitySourceName = "NotificationAspire.Delivery";

    public static readonly ActivitySource Source = new(ActivitySourceName);
}
