using System.Collections.Concurrent;
using System.Net.Http.Json;

namespace NotificationAspire.EndToEnd.Tests.FaultInjection;

/// <summary>
/// Every message the `mail` sink has received, across its restarts. <see cref="RecordAsync"/> reads everything
/// it holds right before it goes down, and again at the end (what a stop would lose is on record either way);
/// messages are told apart by smtp4dev's id, so reading one twice counts it once.
/// </summary>
public sealed class SinkLedger(PlatformFixture platform)
{
    private const int PageSize = 20_000;

    private readonly ConcurrentDictionary<string, Recorded> _messages = new(StringComparer.Ordinal);

    /// <summary>A message and the read that first saw it (which life of the sink it belongs to).</summary>
    public sealed record Recorded(MailSink.Message Message, string ReadBy);

    private sealed record Page(List<MailSink.Message> Results, int RowCount);

    public int Count => _messages.Count;

    /// <summary>Reads every message the sink holds now; returns how many it held.</summary>
    /// <param name="readBy">A label for this read, kept with the messages it saw first.</param>
    public async Task<int> RecordAsync(string readBy)
    {
        using var http = platform.CreateHttpClient(Contracts.ResourceNames.Mail);
        var held = 0;
        for (var page = 1; ; page++)
        {
            var read = await http.GetFromJsonAsync<Page>($"/api/messages?page={page}&pageSize={PageSize}")
                ?? throw new InvalidOperationException("smtp4dev returned no page.");
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

    /// <summary>The Message-ID header of a recorded message, as the sender wrote it (smtp4dev's own id is another thing).</summary>
    public async Task<string?> MessageIdHeaderAsync(string sinkId)
    {
        using var http = platform.CreateHttpClient(Contracts.ResourceNames.Mail);
        var details = await http.GetFromJsonAsync<Details>($"/api/messages/{sinkId}")
            ?? throw new InvalidOperationException($"smtp4dev returned nothing for message {sinkId}.");
        return details.Headers.FirstOrDefault(h => string.Equals(h.Name, "Message-ID", StringComparison.OrdinalIgnoreCase))?.Value;
    }

    private sealed record Header(string Name, string Value);

    private sealed record Details(List<Header> Headers);

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
