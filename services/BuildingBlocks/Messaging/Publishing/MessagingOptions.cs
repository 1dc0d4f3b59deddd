using NotificationAspire.Contracts;

namespace NotificationAspire.Messaging;

/// <summary>Who this service is on the bus and where its dead letters go.</summary>
public sealed class MessagingOptions
{
    /// <summary>The CloudEvents `source` of everything this service publishes (`/{service}`).</summary>
    public string Source { get; set; } = "/";

    public string DeadLetterTopic { get; set; } = KafkaTopics.NotificationDeadLetters.Name;
}
