using NotificationAspire.Contracts.Events;

namespace Notifications.Api.Webhooks;

/// <summary>The status events a sender can subscribe to, one per delivery state the worker reports.</summary>
public static class WebhookEventTypes
{
    public const string Delivered = "message.delivered";
    public const string Failed = "message.failed";
    public const string Retrying = "message.retrying";
    public const string Waiting = "message.waiting";
    public const string Scheduled = "message.scheduled";
    public const string Skipped = "message.skipped";
    public const string Cancelled = "message.cancelled";

    public static IReadOnlyList<string> All { get; } = [Delivered, Failed, Retrying, Waiting, Scheduled, Skipped, Cancelled];

    /// <summary>The event type of a delivery state, or null for a state senders are not told about.</summary>
    public static string? Of(string deliveryState) => deliveryState switch
    {
        DeliveryStates.Delivered => Delivered,
        DeliveryStates.Failed => Failed,
        DeliveryStates.Retrying => Retrying,
        DeliveryStates.Waiting => Waiting,
        DeliveryStates.Scheduled => Scheduled,
        DeliveryStates.Skipped => Skipped,
        DeliveryStates.Cancelled => Cancelled,
        _ => null,
    };
}
