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
    /// <param name="killProximity">How close to a kill the first copy must be; loose, since the sink dates a message when it has processed it.</param>
    public static async Task<bool> ExplainsAsync(MailSink mail, ResilientCaller sender, IReadOnlyList<SinkLedger.Recorded> copies, Guid? notificationId,
        IReadOnlyList<FaultInjector.Kill> kills, TimeSpan killProximity)
    {
        if (copies.Count != 2 || notificationId is null)
        {
            return false;
        }
        var messageIds = await Task.WhenAll(copies.Select(c => mail.HeaderAsync(c.Message.Id, "Message-ID")));
        var (_, notification) = await sender.CallAsync(HttpMethod.Get, $"/api/notifications/{notificationId}");
        var interruptedSends = notification.GetProperty("attempts").EnumerateArray()
            .Select(a => a.GetProperty("interruptedSends").GetInt32()).DefaultIfEmpty(0).Max();
        var nearKill = kills.Any(k => (copies[0].Message.ReceivedDate - k.At).Duration() <= killProximity);
        return messageIds[0] is not null && messageIds[1] == messageIds[0] && interruptedSends > 0 && nearKill;
    }
}
