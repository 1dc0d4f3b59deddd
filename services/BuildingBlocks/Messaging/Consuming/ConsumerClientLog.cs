using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace NotificationAspire.Messaging;

/// <summary>
/// librdkafka's own log lines from a consumer, into the service's log (instead of the client's default, stderr).
/// One of them is raised to an error: a consumer whose position the broker no longer holds (its retention passed
/// the records unread, or the broker lost its log) moves to the earliest record it has, and whatever lay between
/// was never handled. The client calls that a warning; for a notification platform it is loss, and says so.
/// </summary>
internal static class ConsumerClientLog
{
    public static void Write(ILogger logger, string groupId, LogMessage message)
    {
        if (message is { Facility: "OFFSET", Level: <= SyslogLevel.Warning })
        {
            logger.LogError("{GroupId} moved past records it never read: the broker no longer held its position. {ClientMessage}", groupId, message.Message);
            return;
        }
        logger.Log(LevelOf(message.Level), "{GroupId}: {Facility} {ClientMessage}", groupId, message.Facility, message.Message);
    }

    private static LogLevel LevelOf(SyslogLevel level) => level switch
    {
        <= SyslogLevel.Error => LogLevel.Error,
        SyslogLevel.Warning => LogLevel.Warning,
        SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
        _ => LogLevel.Debug,
    };
}
