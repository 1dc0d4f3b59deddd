namespace Notifications.Api.Model;

/// <summary>
/// The durable progress of telling a topic send's subscribers: the last user id already handed to the outbox.
/// The cursor moves in the same transaction as the outbox message for its page, so after a crash the fan-out
/// resumes after the last committed page: nobody is skipped, and no page is written twice.
/// </summary>
public sealed class TopicFanOut
{
    public Guid NotificationId { get; init; }

    /// <summary>The topics the send named; a person subscribed to several is one recipient.</summary>
    public string[] Topics { get; init; } = [];

    /// <summary>The greatest user id fanned out so far (ordinal order of the database); empty before the first page.</summary>
    public string Cursor { get; private set; } = string.Empty;

    /// <summary>Subscribers handed to the worker so far (named recipients not included), and in how many pages.</summary>
    public int FannedOut { get; private set; }
    public int Pages { get; private set; }

    /// <summary>
    /// Changes that may move the notification's status (a delivery reported, the last page written), against how
    /// many of them its status was last computed from: the status is recomputed in the background when they differ
    /// (<see cref="Topics.FanOut.TopicStatusSettler"/>), once for many reports instead of once per report.
    /// </summary>
    public int Reports { get; private set; }
    public int SettledReports { get; private set; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Set once the last page is written (or the send was cancelled): nothing more will be fanned out.</summary>
    public DateTimeOffset? CompletedAt { get; private set; }

    public bool IsComplete => CompletedAt is not null;

    public static TopicFanOut Start(Guid notificationId, IEnumerable<string> topics, DateTimeOffset now) =>
        new() { NotificationId = notificationId, Topics = [.. topics], CreatedAt = now, UpdatedAt = now };

    /// <summary>Records a page as written; <paramref name="last"/> completes the fan-out.</summary>
    public void Advance(IReadOnlyList<string> page, bool last, DateTimeOffset now)
    {
        if (page.Count > 0)
        {
            Cursor = page[^1];
            FannedOut += page.Count;
            Pages++;
        }
        UpdatedAt = now;
        if (last)
        {
            CompletedAt = now;
            Reports++; // the status may be final now
        }
    }

    /// <summary>
    /// Fans out again from the start: the reconciler's answer to a send that stopped moving (pages a broker lost).
    /// People already delivered are recognised by their delivery keys, so a second pass reaches only who was missed.
    /// </summary>
    public void Restart(DateTimeOffset now)
    {
        (Cursor, FannedOut, Pages, CompletedAt, UpdatedAt) = (string.Empty, 0, 0, null, now);
        Reports++;
    }

    /// <summary>The status was computed from every report up to <paramref name="reports"/>.</summary>
    public void Settle(int reports) => SettledReports = Math.Max(SettledReports, reports);

    /// <summary>Stops a fan-out whose send was cancelled: the people not reached yet never will be.</summary>
    public void Stop(DateTimeOffset now)
    {
        (UpdatedAt, CompletedAt) = (now, now);
        Reports++;
    }
}
