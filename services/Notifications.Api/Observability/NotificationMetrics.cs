using System.Diagnostics.Metrics;

namespace Notifications.Api.Observability;

/// <summary>
/// Notifications accepted by the API, on the "NotificationAspire.Notifications" meter ServiceDefaults exports
/// (<c>notifications_accepted_total</c> and <c>notification_recipients_accepted_total</c> in Prometheus).
/// </summary>
public static class NotificationMetrics
{
    public const string MeterName = "NotificationAspire.Notifications";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> AcceptedCounter = Meter.CreateCounter<long>("notifications_accepted", "{notification}",
        "Notifications accepted (202) and stored with their outbox record; replays of an Idempotency-Key are not counted.");

    private static readonly Counter<long> RecipientsCounter = Meter.CreateCounter<long>("notification_recipients_accepted", "{recipient}",
        "Recipients of the accepted notifications: the deliveries the worker will fan out.");

    public static void Accepted(int recipients)
    {
        AcceptedCounter.Add(1);
        RecipientsCounter.Add(recipients);
    }
}
