using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace NotificationAspire.Messaging;

/// <summary>
/// Lets the producer's messages in flight reach the broker before the service exits: destroying a producer with
/// outstanding messages can hold the process past an orchestrator's stop timeout, and loses their acknowledgements.
/// Registered with the producer, before any consumer or relay, so it stops after them (hosts stop in reverse order).
/// </summary>
internal sealed class ProducerFlushOnStop(IProducer<string, byte[]> producer, ILogger<ProducerFlushOnStop> logger) : IHostedService
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        var left = producer.Flush(Patience);
        if (left > 0)
        {
            logger.LogWarning("{Count} message(s) were still on their way to the broker after {Patience}; their senders were not told they arrived", left, Patience);
        }
        return Task.CompletedTask;
    }
}
