using Microsoft.EntityFrameworkCore;
using Notifications.Api.Data;

namespace Notifications.Api.Topics;

/// <summary>A send's topics must exist when it is accepted: a typo in a key is a 400 naming it, not a send to nobody.</summary>
public static class TopicSendCheck
{
    public static async Task<Dictionary<string, string[]>> UnknownAsync(NotificationsDbContext db, IReadOnlyList<string> topics, CancellationToken ct)
    {
        var known = await db.Topics.AsNoTracking().Where(t => topics.Contains(t.Key)).Select(t => t.Key).ToListAsync(ct);
        return topics.Select((key, i) => (key, i)).Where(t => !known.Contains(t.key, StringComparer.Ordinal))
            .ToDictionary(t => $"topics[{t.i}]", t => new[] { $"Unknown topic '{t.key}'. GET /api/topics lists them." });
    }
}
