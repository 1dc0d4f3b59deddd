using System.Diagnostics;

namespace NotificationAspire.Messaging;

/// <summary>
/// Producer and consumer spans, linked through the `traceparent` header, so one trace runs from the HTTP
/// request through every hop on Kafka. (OpenTelemetry's Confluent.Kafka instrumentation is not on our feed.)
/// </summary>
public static class MessagingTelemetry
{
    public const string ActivitySourceName = "NotificationAspire.Messaging";

    public static readonly ActivitySource Source = new(ActivitySourceName);

    public static Activity? StartPublish(string topic, EventEnvelope envelope, ActivityContext parent = default)
    {
        var activity = Source.StartActivity($"{topic} publish", ActivityKind.Producer, parent);
        Tag(activity, topic, envelope);
        return activity;
    }

    public static Activity? StartProcess(string topic, EventEnvelope envelope)
    {
        ActivityContext.TryParse(envelope.TraceParent, envelope.TraceState, out var parent);
        var activity = Source.StartActivity($"{topic} process", ActivityKind.Consumer, parent);
        Tag(activity, topic, envelope);
        return activity;
    }

    /// <summary>The trace context to write into an event caused by the current work.</summary>
    public static (string? TraceParent, string? TraceState) Current() =>
        Activity.Current is { } current ? (current.Id, current.TraceStateString) : (null, null);

    private static void Tag(Activity? activity, string topic, EventEnvelope envelope)
    {
        activity?.SetTag("messaging.system", "kafka");
        activity?.SetTag("messaging.destination.name", topic);
        activity?.SetTag("messaging.message.id", envelope.Id);
        activity?.SetTag("cloudevents.event_type", envelope.Type);
        activity?.SetTag("messaging.kafka.message.key", envelope.Key);
    }
}
