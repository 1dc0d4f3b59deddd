using System.Diagnostics;
using Confluent.Kafka;

namespace NotificationAspire.Messaging;

/// <summary>
/// Puts an envelope on a topic and returns once the broker has it (acks=all, idempotent producer). The
/// transport under <see cref="IEventBus"/> and the outbox relay; application code publishes through the bus.
/// </summary>
public interface IEventPublisher
{
    Task PublishAsync(string topic, EventEnvelope envelope, CancellationToken cancellationToken);
}

public sealed class KafkaEventPublisher(IProducer<string, byte[]> producer) : IEventPublisher
{
    public async Task PublishAsync(string topic, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        // The envelope remembers who caused it (an outbox row outlives its request): continue that trace.
        ActivityContext.TryParse(envelope.TraceParent, envelope.TraceState, out var cause);
        using var activity = MessagingTelemetry.StartPublish(topic, envelope, cause);
        var sent = activity is null ? envelope : envelope with { TraceParent = activity.Id, TraceState = activity.TraceStateString };
        try
        {
            await producer.ProduceAsync(topic, CloudEventHeaders.ToMessage(sent), cancellationToken);
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
    }
}
