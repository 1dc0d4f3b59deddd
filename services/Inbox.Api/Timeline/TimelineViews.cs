namespace Inbox.Api.Timeline;

/// <summary>Steps a timeline shows: the request accepted, each reported delivery state (Sending... Delivered), and the person reading it.</summary>
public static class TimelineSteps
{
    public const string Accepted = "Accepted";
    public const string Read = "Read";
}

/// <summary>One step; <see cref="Recipient"/> and <see cref="Channel"/> are null for the notification as a whole.</summary>
public sealed record TimelineStep(DateTimeOffset At, string Step, string? Recipient, string? Channel, int? Attempt, string? Error);

/// <summary>A notification's delivery across recipients and channels, oldest step first.</summary>
public sealed record NotificationTimeline(Guid NotificationId, string SenderId, string Category, DateTimeOffset AcceptedAt, IReadOnlyList<TimelineStep> Steps);
