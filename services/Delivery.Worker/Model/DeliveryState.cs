namespace Delivery.Worker.Model;

/// <summary>Where one delivery stands. Delivered and Failed are final: nothing is sent for them again.</summary>
public enum DeliveryState
{
    /// <summary>An attempt started; whether the provider took the message is not known yet.</summary>
    Sending,
    Delivered,
    Failed,
}
