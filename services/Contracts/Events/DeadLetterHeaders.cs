namespace NotificationAspire.Contracts.Events;

/// <summary>Headers a record carries on <see cref="KafkaTopics.NotificationDeadLetters"/>: why it is there and what was tried.</summary>
public static class DeadLetterHeaders
{
    public const string Reason = "dlq-reason";

    /// <summary>JSON array of <see cref="AttemptRecord"/>.</summary>
    public const string Attempts = "dlq-attempts";

    public const string SourceTopic = "dlq-source-topic";
    public const string DeliveryKey = "dlq-delivery-key";
}
