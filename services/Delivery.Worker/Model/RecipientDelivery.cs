namespace Delivery.Worker.Model;

/// <summary>
/// One notification to one recipient on one channel: the worker's durable memory of what it already sent,
/// which is what makes a redelivered, retried or replayed Kafka record harmless.
/// </summary>
public sealed class RecipientDelivery
{
    /// <summary>Longer provider errors are cut: the reason is for people, the details are in the logs.</summary>
    public const int MaxErrorLength = 2000;

    /// <summary><see cref="NotificationAspire.Contracts.DeliveryKeys.For"/>: the same for every redelivery of the same request.</summary>
    public required string DeliveryKey { get; init; }
    public Guid NotificationId { get; init; }
    public required string RecipientUserId { get; init; }
    public required string Channel { get; init; }
    public required string Contact { get; init; }

    /// <summary>The notification's category, for the throttle's count; null on rows from before it was kept.</summary>
    public string? Category { get; init; }

    public DeliveryState State { get; private set; }

    /// <summary>Sends started over the delivery's whole life, replays included; status event ids count on it.</summary>
    public int AttemptCount { get; private set; }

    /// <summary>
    /// The attempt number (of the current run: a replay starts again at 1) the delivery waits for. A record
    /// carrying an earlier one is a leftover of a step already taken, so it must not start a second chain.
    /// </summary>
    public int ScheduledAttempt { get; private set; } = 1;

    /// <summary>When the scheduled attempt is due (Retrying, Waiting); shown to people, not used for decisions.</summary>
    public DateTimeOffset? NextAttemptAt { get; private set; }

    /// <summary>The dead letter replay that started the current run: each replay id sends at most once.</summary>
    public string? LastReplayId { get; private set; }

    /// <summary>
    /// Sends whose outcome never came back: taken over after their worker stopped between starting them and recording
    /// the provider's answer (see <see cref="TakeOverInterruptedSend"/>), or given up at the send budget
    /// (<see cref="AbandonSend"/>). Each may have reached the recipient.
    /// </summary>
    public int InterruptedSends { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>The provider that answered the latest attempt (took or refused the message); null before an answer.</summary>
    public string? Provider { get; private set; }

    /// <summary>Providers the latest attempt passed over before <see cref="Provider"/>, each with why ("twilio: HTTP 503").</summary>
    public string[] FailedOver { get; private set; } = [];

    /// <summary>Parts an SMS was sent as (GSM-7 or UCS-2); null on other channels.</summary>
    public int? Segments { get; private set; }
    public string? ProviderMessageId { get; private set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>PostgreSQL's xmin: two group members racing on one delivery after a rebalance cannot overwrite each other.</summary>
    public uint Version { get; private set; }

    /// <summary>
    /// When the preferences the latest attempt went by were fetched, if `preferences-api` could not answer and a
    /// remembered answer stood in; null when they were current.
    /// </summary>
    public DateTimeOffset? PreferencesCachedAt { get; private set; }

    public bool IsFinal => State is DeliveryState.Delivered or DeliveryState.Failed or DeliveryState.Cancelled or DeliveryState.Skipped;

    /// <summary>
    /// Another consumer (or this one before a crash) started a send less than <paramref name="lease"/> ago and
    /// may still be waiting for the provider. After the lease the attempt is presumed lost and may be taken over.
    /// </summary>
    public bool IsInFlight(DateTimeOffset now, TimeSpan lease) => State == DeliveryState.Sending && now < UpdatedAt + lease;

    /// <summary>Whether a record of run <paramref name="replayId"/> at <paramref name="attempt"/> is the step this delivery waits for.</summary>
    public bool Awaits(int attempt, string? replayId) => replayId == LastReplayId && attempt >= ScheduledAttempt;

    /// <summary>A Failed delivery's dead letter was replayed with an id not seen before: a new run begins.</summary>
    public bool CanBeReplayedBy(string? replayId) =>
        State == DeliveryState.Failed && replayId is not null && replayId != LastReplayId;

    public void AcceptReplay(string replayId) => LastReplayId = replayId;

    /// <summary>
    /// A send that began but never recorded its outcome, its lease run out: its worker stopped in the middle.
    /// The provider may have accepted it, so sending again may give the recipient a second copy (with the same
    /// Message-ID). Counted, so that status says so instead of pretending to exactly once.
    /// </summary>
    public void TakeOverInterruptedSend() => InterruptedSends++;

    /// <summary>
    /// A send given up before the provider answered (its send budget ran out): like a send its worker never finished,
    /// it may have reached the recipient, and the next attempt may give them a second copy. Counted the same way.
    /// </summary>
    public void AbandonSend() => InterruptedSends++;

    public void BeginAttempt(int attempt, DateTimeOffset now, DateTimeOffset? preferencesCachedAt = null)
    {
        State = DeliveryState.Sending;
        PreferencesCachedAt = preferencesCachedAt;
        AttemptCount++;
        ScheduledAttempt = attempt;
        Provider = null;
        FailedOver = [];
        Segments = null;
        NextAttemptAt = null;
        UpdatedAt = now;
    }

    /// <summary>The attempt failed in a way that may pass (connection refused, timeout, 4xx); <paramref name="nextAttempt"/> is due at <paramref name="dueAt"/>.</summary>
    public void ScheduleRetry(string error, int nextAttempt, DateTimeOffset dueAt, DateTimeOffset now)
    {
        State = DeliveryState.Retrying;
        LastError = Truncate(error);
        ScheduledAttempt = nextAttempt;
        NextAttemptAt = dueAt;
        UpdatedAt = now;
    }

    /// <summary>The provider held the message back without trying it: the started attempt is given back.</summary>
    public void Defer(string reason, DateTimeOffset dueAt, DateTimeOffset now)
    {
        State = DeliveryState.Waiting;
        AttemptCount--;
        LastError = Truncate(reason);
        NextAttemptAt = dueAt;
        UpdatedAt = now;
    }

    /// <summary>Not attempted now, by the person's wish (quiet hours) or for want of their preferences; <paramref name="dueAt"/> it is looked at again.</summary>
    public void Hold(string reason, DateTimeOffset dueAt, DateTimeOffset now)
    {
        State = DeliveryState.Waiting;
        LastError = Truncate(reason);
        NextAttemptAt = dueAt;
        UpdatedAt = now;
    }

    /// <summary>Not attempted before the time the sender asked for; <paramref name="reason"/> says when, in the person's zone.</summary>
    public void Schedule(string reason, DateTimeOffset dueAt, DateTimeOffset now)
    {
        State = DeliveryState.Scheduled;
        LastError = Truncate(reason);
        NextAttemptAt = dueAt;
        UpdatedAt = now;
    }

    /// <summary>Collected in a digest that goes out at <paramref name="dueAt"/>; <paramref name="reason"/> names it.</summary>
    public void Digest(string reason, DateTimeOffset dueAt, DateTimeOffset now)
    {
        State = DeliveryState.Digested;
        LastError = Truncate(reason);
        NextAttemptAt = dueAt;
        UpdatedAt = now;
    }

    /// <summary>
    /// Ends a collected delivery as its digest ended: delivered (by <paramref name="digest"/>'s provider), failed,
    /// skipped or cancelled with the digest's reason. The delivery itself made no attempt, so its count stays.
    /// </summary>
    public void SettleFromDigest(RecipientDelivery digest, string digestKey, DateTimeOffset now)
    {
        var why = $"Digest {digestKey}: {digest.LastError}";
        // The digest's sends are this delivery's: an interrupted one may have reached the person twice.
        InterruptedSends = digest.InterruptedSends;
        switch (digest.State)
        {
            case DeliveryState.Delivered:
                AnsweredBy(digest.Provider, digest.FailedOver, digest.Segments);
                LastError = Truncate($"Delivered in digest {digestKey}");
                MarkDelivered(digest.ProviderMessageId, now);
                break;
            case DeliveryState.Failed:
                MarkFailed(why, now);
                break;
            case DeliveryState.Skipped:
                MarkSkipped(why, now);
                break;
            case DeliveryState.Cancelled:
                MarkCancelled(why, now);
                break;
            default:
                throw new InvalidOperationException($"Digest {digest.DeliveryKey} is not final ({digest.State}).");
        }
    }

    /// <summary>Which provider answered the attempt, and which it failed over from (<see cref="Providers.Failover.ProviderFailover"/>).</summary>
    public void AnsweredBy(string? provider, IReadOnlyList<string> failedOver, int? segments)
    {
        Provider = provider;
        FailedOver = [.. failedOver.Select(Truncate)];
        Segments = segments;
    }

    public void MarkSkipped(string reason, DateTimeOffset now)
    {
        State = DeliveryState.Skipped;
        LastError = Truncate(reason);
        NextAttemptAt = null;
        UpdatedAt = now;
    }

    public void MarkDelivered(string? providerMessageId, DateTimeOffset now)
    {
        State = DeliveryState.Delivered;
        ProviderMessageId = providerMessageId;
        NextAttemptAt = null;
        UpdatedAt = now;
    }

    public void MarkFailed(string reason, DateTimeOffset now)
    {
        State = DeliveryState.Failed;
        LastError = Truncate(reason);
        NextAttemptAt = null;
        UpdatedAt = now;
    }

    public void MarkCancelled(string reason, DateTimeOffset now)
    {
        State = DeliveryState.Cancelled;
        LastError = Truncate(reason);
        NextAttemptAt = null;
        UpdatedAt = now;
    }

    private static string Truncate(string text) => text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
}
