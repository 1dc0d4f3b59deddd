using NotificationAspire.Contracts;
using NotificationAspire.Messaging;

namespace Delivery.Worker.Consumers;

/// <summary>
/// The `delivery-worker-retry` group on every retry tier: retries, deferred sends and rechecks, each read
/// when its NotBefore comes (the partition is paused until then, the others go on).
/// </summary>
public sealed class RetryTierConsumer(
    KafkaClientSettings settings,
    IEventPublisher publisher,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<RetryTierConsumer> logger)
    : DeliveryAttemptConsumer(settings, publisher, scopes, time, logger)
{
    protected override string GroupId => $"{ResourceNames.DeliveryWorker}-retry";

    protected override IReadOnlyList<string> Topics { get; } = [.. KafkaTopics.RetryTiers.Select(t => t.Name)];
}
