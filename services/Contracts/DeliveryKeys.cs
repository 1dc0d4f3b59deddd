namespace NotificationAspire.Contracts;

/// <summary>
/// Names one delivery: the same notification, recipient and channel always give the same key. A contract, not a
/// detail of the worker: the worker's delivery rows, its dispatch records and dead letters, and the tests all
/// agree on this key.
/// </summary>
public static class DeliveryKeys
{
    public static string For(Guid notificationId, string recipientUserId, string channel) =>
        $"{notificationId:N}:{recipientUserId}:{channel}";
}
