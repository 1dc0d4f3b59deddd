namespace Delivery.Worker.Delivering;

/// <summary>Names one delivery: the same notification, recipient and channel always give the same key.</summary>
public static class DeliveryKeys
{
    public static string For(Guid notificationId, string recipientUserId, string channel) =>
        $"{notificationId:N}:{recipientUserId}:{channel}";
}
