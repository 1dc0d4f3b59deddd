using System.Text.Json;
using Delivery.Worker.Delivering;
using NotificationAspire.Contracts;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Messaging;

namespace Delivery.Worker.Consumers;

/// <summary>
/// The `delivery-worker` group on `notification-requests`: each <see cref="NotificationRequested"/> goes to
/// a fresh <see cref="DeliveryProcessor"/> scope (a retry gets a clean DbContext, not one holding the failed attempt).
/// </summary>
public sealed class NotificationRequestsConsumer(
    KafkaClientSettings settings,
    IEventPublisher publisher,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<NotificationRequestsConsumer> logger)
    : KafkaConsumerService(settings, publisher, time, logger)
{
    public const int SupportedSchemaVersion = 1;

    protected override string GroupId => ResourceNames.DeliveryWorker;

    protected override IReadOnlyList<string> Topics { get; } = [KafkaTopics.NotificationRequests.Name];

    protected override async Task HandleAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        if (envelope.Type != NotificationRequested.EventType)
        {
            // The topic may carry event types added after this worker was built; they are not ours to act on.
            logger.LogInformation("Skipping event {EventId} of type {EventType}: not one this worker handles", envelope.Id, envelope.Type);
            return;
        }

        var request = Read(envelope);
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DeliveryProcessor>().DeliverAsync(request, cancellationToken);
    }

    private static NotificationRequested Read(EventEnvelope envelope)
    {
        NotificationRequested request;
        try
        {
            request = envelope.Payload<NotificationRequested>();
        }
        catch (JsonException ex)
        {
            throw new UnreadableEventException(envelope.Id, envelope.Type, ex.Message, ex);
        }

        if (request.SchemaVersion != SupportedSchemaVersion)
        {
            throw new UnreadableEventException(envelope.Id, envelope.Type,
                $"schema version {request.SchemaVersion} is not {SupportedSchemaVersion}");
        }
        // System.Text.Json leaves a missing property null whatever the record says; an event without these cannot be delivered.
        if (request.NotificationId == Guid.Empty || string.IsNullOrEmpty(request.Channel) || request.Recipients is null
            || request.Recipients.Any(r => r is null || string.IsNullOrEmpty(r.UserId) || r.Contact is null)
            || request.Subject is null || request.Body is null)
        {
            throw new UnreadableEventException(envelope.Id, envelope.Type,
                "notificationId, channel, subject, body and recipients (each with userId and contact) are required");
        }
        return request;
    }
}
