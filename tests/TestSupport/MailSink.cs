using System.Net.Http.Json;

namespace NotificationAspire.TestSupport;

/// <summary>
/// What arrived at the `mail` resource (smtp4dev), read through its REST API as a user would in its UI. The
/// one place the tests know smtp4dev's URLs.
/// </summary>
public sealed class MailSink(PlatformFixture platform)
{
    /// <summary>One message as smtp4dev lists it; <see cref="Id"/> is smtp4dev's own, not the Message-ID header.</summary>
    public sealed record Message(string Id, string From, string[] To, string Subject, DateTimeOffset ReceivedDate);

    /// <summary>One page of everything the sink holds, and how many it holds in all.</summary>
    public sealed record Page(List<Message> Results, int RowCount);

    private sealed record Details(List<Header> Headers);

    private sealed record Header(string Name, string Value);

    /// <summary>Messages smtp4dev's search matches (subject, addresses, body): a test's unique token narrows it to that test.</summary>
    public async Task<IReadOnlyList<Message>> SearchAsync(string term)
    {
        using var http = Client();
        var page = await http.GetFromJsonAsync<Page>($"/api/messages?searchTerms={Uri.EscapeDataString(term)}&pageSize=1000")
            ?? throw new InvalidOperationException("smtp4dev returned no page.");
        return page.Results;
    }

    /// <summary>How many messages the search finds, without reading them.</summary>
    public async Task<int> CountAsync(string term)
    {
        using var http = Client();
        var page = await http.GetFromJsonAsync<Page>($"/api/messages?searchTerms={Uri.EscapeDataString(term)}&pageSize=1")
            ?? throw new InvalidOperationException("smtp4dev returned no page.");
        return page.RowCount;
    }

    /// <summary>Every message the search finds, however many: read in pages (a topic send reaches thousands).</summary>
    public async Task<IReadOnlyList<Message>> SearchAllAsync(string term, int pageSize = 5_000)
    {
        using var http = Client();
        var found = new List<Message>();
        for (var page = 1; ; page++)
        {
            var read = await http.GetFromJsonAsync<Page>($"/api/messages?searchTerms={Uri.EscapeDataString(term)}&page={page}&pageSize={pageSize}")
                ?? throw new InvalidOperationException("smtp4dev returned no page.");
            found.AddRange(read.Results);
            if (read.Results.Count < pageSize)
            {
                return found;
            }
        }
    }

    /// <summary>The messages <paramref name="term"/> finds with exactly this subject, to <paramref name="to"/> if it is given.</summary>
    public async Task<IReadOnlyList<Message>> SearchAsync(string term, string subject, string? to = null) =>
        (await SearchAsync(term)).Where(m => m.Subject == subject && (to is null || m.To.Contains(to, StringComparer.OrdinalIgnoreCase))).ToList();

    /// <summary>Every message delivered to an address.</summary>
    public async Task<IReadOnlyList<Message>> MessagesToAsync(string address) =>
        (await SearchAsync(address)).Where(m => m.To.Contains(address, StringComparer.OrdinalIgnoreCase)).ToList();

    /// <summary>A page (from 1) of every message the sink holds, newest first.</summary>
    public async Task<Page> PageAsync(int page, int pageSize)
    {
        using var http = Client();
        return await http.GetFromJsonAsync<Page>($"/api/messages?page={page}&pageSize={pageSize}")
            ?? throw new InvalidOperationException("smtp4dev returned no page.");
    }

    public async Task<string> PlainTextBodyAsync(string messageId)
    {
        using var http = Client();
        return await http.GetStringAsync($"/api/messages/{messageId}/plaintext");
    }

    /// <summary>The plain-text body with its line endings as `\n` and none at the end: comparable with the text that was sent.</summary>
    public async Task<string> BodyTextAsync(string messageId) =>
        (await PlainTextBodyAsync(messageId)).ReplaceLineEndings("\n").TrimEnd('\n');

    /// <summary>A header as the sender wrote it (smtp4dev's own message id is another thing than the Message-ID header).</summary>
    public async Task<string?> HeaderAsync(string messageId, string name)
    {
        using var http = Client();
        var details = await http.GetFromJsonAsync<Details>($"/api/messages/{messageId}")
            ?? throw new InvalidOperationException($"smtp4dev returned nothing for message {messageId}.");
        return details.Headers.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase))?.Value;
    }

    /// <summary>Waits until at least <paramref name="count"/> messages reached the address, or the deadline passes.</summary>
    public Task<IReadOnlyList<Message>> WaitForMessagesToAsync(string address, int count, TimeSpan deadline) =>
        PollAsync(() => MessagesToAsync(address), count, deadline, TimeSpan.FromMilliseconds(200));

    /// <summary>Waits until <see cref="SearchAsync(string, string, string?)"/> finds a message, or the deadline passes.</summary>
    public Task<IReadOnlyList<Message>> WaitForAsync(string term, string subject, string? to, TimeSpan deadline) =>
        PollAsync(() => SearchAsync(term, subject, to), 1, deadline, TimeSpan.FromMilliseconds(250));

    /// <summary>What was found when there were enough, or at the deadline: the caller's assertion says what was expected.</summary>
    private static async Task<IReadOnlyList<Message>> PollAsync(Func<Task<IReadOnlyList<Message>>> read, int count, TimeSpan deadline,
        TimeSpan interval)
    {
        var until = DateTime.UtcNow + deadline;
        while (true)
        {
            var messages = await read();
            if (messages.Count >= count || DateTime.UtcNow > until)
            {
                return messages;
            }
            await Task.Delay(interval);
        }
    }

    private HttpClient Client() => platform.CreateHttpClient(Contracts.ResourceNames.Mail);
}
