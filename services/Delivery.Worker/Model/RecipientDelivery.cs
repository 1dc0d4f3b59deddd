namespace Delivery.Worker.Model;

/// <summary>
/// One notification to one recipient on one channel: the worker's durable memory of what it already sent,
/// which is what makes a redelivered Kafka record harmless.
/// </summary>
public sealed class RecipientDelivery
{
    /// <summary>Longer provider errors are cut: the reason is for people, the details are in the logs.</summary>
    public const int MaxErrorLength = 2000;

    /// <summary><see cref="Delivering.DeliveryKeys.For"/>: the same for every redelivery of the same request.</summary>
    public required string DeliveryKey { get; init; }
    public Guid NotificationId { get; init; }
    public required string RecipientUserId { get; init; }
    public required string Channel { get; init; }
    public required string Contact { get; init; }

    public DeliveryState State { get; private set; }
    public int AttemptCount { get; private set; }
    public string? LastError { get; private set; }
    public string? ProviderMessageId { get; private set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>PostgreSQL's xmin: two group members racing on one delivery after a rebalance cannot overwrite each other.</summary>
    public uint Version { get; private set; }

    public bool IsFinal => State is DeliveryState.Delivered or DeliveryState.Failed;

    public void BeginAttempt(DateTimeOffset now)
    {
        State = DeliveryState.Sending;
        AttemptCount++;
        UpdatedAt = now;
    }

    /// <summary>The attempt failed in a way that may pass (connection refused, timeout, 4xx); it stays Sending and is retried.</summary>
    public void RecordTransientError(string error, DateTimeOffset now)
    {
        LastError = Truncate(error);
        UpdatedAt = now;
    }

    public void MarkDelivered(string? providerMessageId, DateTimeOffset now)
    {
        State = DeliveryState.Delivered;
        ProviderMessageId = providerMessageId;
        UpdatedAt = now;
    }

    public void MarkFailed(string reason, DateTimeOffset now)
    {
        State = DeliveryState.Failed;
        LastError = Truncate(reason);
        UpdatedAt = now;
    }

    private static string Truncate(string text) => text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
}
