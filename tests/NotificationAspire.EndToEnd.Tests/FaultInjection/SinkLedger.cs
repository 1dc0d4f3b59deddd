using System.Collections.Concurrent;

namespace NotificationAspire.EndToEnd.Tests.FaultInjection;

/// <summary>
/// Every message the `mail` sink has received, across its restarts. <see cref="RecordAsync"/> reads everything
/// it holds right before it goes down, and again at the end (what a stop would lose is on record either way);
/// messages are told apart by smtp4dev's id, so reading one twice counts it once.
/// </summary>
public sealed class SinkLedger(MailSink sink)
{
    private const int PageSize = 20_000;

    private readonly ConcurrentDictionary<string, Recorded> _messages = new(StringComparer.Ordinal);

    /// <summary>A message and the read that first saw it (which life of the sink it belongs to).</summary>
    public sealed record Recorded(MailSink.Message Message, string ReadBy);

    public int Count => _messages.Count;

    /// <summary>Reads every message the sink holds now; returns how many it held.</summary>
    /// <param name="readBy">A label for this read, kept with the messages it saw first.</param>
    public async Task<int> RecordAsync(string readBy)
    {
        var held = 0;
        for (var page = 1; ; page++)
        {
            var read = await sink.PageAsync(page, PageSize);
            foreach (var message in read.Results)
            {
                _messages.TryAdd(message.Id, new Recorded(message, readBy));
            }
            held = read.RowCount;
            if (read.Results.Count < PageSize)
            {
                return held;
            }
        }
    }

    /// <summary>How many recorded messages went to each address (lower-cased).</summary>
    public IReadOnlyDictionary<string, int> CountByRecipient() => _messages.Values
        .SelectMany(m => m.Message.To.Select(Normalize).Distinct())
        .GroupBy(to => to)
        .ToDictionary(g => g.Key, g => g.Count());

    /// <summary>The recorded messages to one address, oldest first.</summary>
    public IReadOnlyList<Recorded> MessagesTo(string address) => _messages.Values
        .Where(m => m.Message.To.Select(Normalize).Contains(Normalize(address)))
        .OrderBy(m => m.Message.ReceivedDate)
        .ToList();

    private static string Normalize(string address) => address.Trim().ToLowerInvariant();
}
