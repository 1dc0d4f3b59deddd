using NotificationAspire.Contracts;

namespace Notifications.Api.Topics;

/// <summary>The `topics` of a send: 1 to 10 distinct keys. Whether each exists is asked of the database after (<see cref="TopicSendCheck"/>).</summary>
public static class TopicSendRules
{
    public static void Validate(IReadOnlyList<string>? topics, Action<string, string> error)
    {
        if (topics is null)
        {
            return;
        }
        if (topics.Count is 0 or > TopicLimits.MaxTopicsPerSend)
        {
            error("topics", $"1 to {TopicLimits.MaxTopicsPerSend} topic keys; leave it out to send to the recipients alone.");
            return;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < topics.Count; i++)
        {
            if (!TopicRules.IsKey(topics[i]))
            {
                error($"topics[{i}]", TopicRules.KeyHint);
            }
            else if (!seen.Add(topics[i]))
            {
                error($"topics[{i}]", $"'{topics[i]}' is listed more than once.");
            }
        }
    }
}
