using NotificationAspire.Contracts;

namespace NotificationAspire.Messaging;

/// <summary>Who this service is on the bus and where its dead letters go.</summary>
public sealed class MessagingOptions
{
    /// <summary>The CloudEvents `source` of everything this service publishes (`/{service}`).</summary>
    public string Source { get; set; } = "/";

    public string DeadLetterTopic { get; set; } = KafkaTopics.NotificationDeadLetters.Name;

    /// <summary>
    /// How many records one consumer handles at once (`Messaging:MaxInFlight`), across keys; records of one key
    /// are always handled one after another. Each takes a database connection while it runs, so a service's
    /// consumer groups together stay well under its connection pool (Npgsql's default is 100).
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(1, 256)]
    public int MaxInFlight { get; set; } = 8;
}
