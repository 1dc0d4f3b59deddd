using System.Globalization;

namespace NotificationAspire.EndToEnd.Tests.FaultInjection;

/// <summary>
/// Tells the one duplicate SMTP cannot rule out from a real one. The sink accepted a message and the replica sending
/// it was killed before it recorded the 250 (milliseconds); after the sending lease the delivery is made again. It
/// counts as such only with all the evidence: exactly two copies with the same Message-ID (one delivery made twice,
/// not two deliveries), the platform's own status saying it re-sent after an interrupted send (interruptedSends),
/// and a SIGKILL near the first copy. Anything else is a duplicate.
/// </summary>
public static class InterruptedSends
{
    /// <summary>Whether the copies are explained, and every piece of evidence looked at (for the test's log when they are not).</summary>
    public sealed record Verdict(bool Explained, string Evidence);

    /// <param name="killProximity">How close to a kill the first copy must be; loose, since the sink dates a message when it has processed it.</param>
    /// <param name="recipient">Whose attempts count, for a notification to many (a topic send); null: all of them.</param>
    public static async Task<Verdict> JudgeAsync(MailSink mail, ResilientCaller sender, IReadOnlyList<SinkLedger.Recorded> copies, Guid? notificationId,
        IReadOnlyList<FaultInjector.Kill> kills, TimeSpan killProximity, string? recipient = null)
    {
        var received = string.Join(", ", copies.Select(c => $"{c.Message.ReceivedDate:HH:mm:ss.fff} (read {c.ReadBy})"));
        var killed = string.Join(", ", kills.Select(k => $"{k.ResourceId} at {k.At:HH:mm:ss.fff}"));
        if (copies.Count != 2 || notificationId is null)
        {
            return new Verdict(false, $"{copies.Count} copies received {received}; notification {notificationId}; kills {killed}");
        }
        var messageIds = await Task.WhenAll(copies.Select(c => mail.HeaderAsync(c.Message.Id, "Message-ID")));
        var (_, notification) = await sender.CallAsync(HttpMethod.Get, $"/api/notifications/{notificationId}");
        var attempts = notification.GetProperty("attempts").EnumerateArray()
            .Where(a => recipient is null || a.GetProperty("recipient").GetString() == recipient).ToList();
        var interruptedSends = attempts.Select(a => a.GetProperty("interruptedSends").GetInt32()).DefaultIfEmpty(0).Max();
        var nearest = kills.Select(k => (copies[0].Message.ReceivedDate - k.At).Duration()).DefaultIfEmpty(TimeSpan.MaxValue).Min();

        var sameMessage = messageIds[0] is not null && messageIds[1] == messageIds[0];
        var nearKill = nearest <= killProximity;
        var evidence = string.Create(CultureInfo.InvariantCulture,
            $"received {received}; Message-IDs {(sameMessage ? "equal" : $"differ ({messageIds[0]}, {messageIds[1]})")}; " +
            $"interruptedSends={interruptedSends}; first copy {(kills.Count == 0 ? "with no kill" : $"{nearest.TotalSeconds:0.0} s from the nearest kill")} " +
            $"(at most {killProximity.TotalSeconds:0} s); kills {killed}; attempts [{string.Join(", ", attempts.Select(a => a.GetRawText()))}]");
        return new Verdict(sameMessage && interruptedSends > 0 && nearKill, evidence);
    }
}
