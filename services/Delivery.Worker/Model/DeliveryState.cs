namespace Delivery.Worker.Model;

/// <summary>
/// Where one delivery stands. Delivered, Failed, Cancelled and Skipped are final: nothing is sent for them again
/// (a Failed one only when a dead letter is replayed).
/// </summary>
public enum DeliveryState
{
    /// <summary>An attempt started; whether the provider took the message is not known yet.</summary>
    Sending,
    Delivered,
    Failed,

    /// <summary>An attempt failed in a way that may pass; the next one waits on a retry tier.</summary>
    Retrying,

    /// <summary>Held back (the provider's rate limit or open circuit, the person's quiet hours, their preferences unreachable); not an attempt, not a failure.</summary>
    Waiting,
    Cancelled,

    /// <summary>Deliberately not sent: the person opted out, or the channel is not one the category uses for them.</summary>
    Skipped,

    /// <summary>Waiting for the time the sender asked for (`sendAt`, `sendAtLocal`); not an attempt.</summary>
    Scheduled,

    /// <summary>Collected in the person's digest (a send naming `digest`); it ends as that digest ends. Not an attempt.</summary>
    Digested,
}
