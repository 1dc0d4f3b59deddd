using System.Net.Http.Json;

namespace NotificationAspire.TestSupport;

/// <summary>
/// What arrived at the `mail` resource (smtp4dev), read through its REST API as a user would in its UI. The
/// one place the tests know smtp4dev's URLs.
/// </summary>
public sealed class MailSink(PlatformFixture platform)
{
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

    /// <summary>A header as the sender wrote it (smtp4dev's own message id is another thing than the Message-ID header).</summary>
    public async Task<string?> HeaderAsync(string messageId, string name)
    {
        using var http = Client();
        var details = await http.GetFromJsonAsync<Details>($"/api/messages/{messageId}")
            ?? throw new InvalidOperationException($"smtp4dev returned nothing for message {messageId}.");
        return details.Headers.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase))?.Value;
    }

    /// <summary>Waits until at least <paramref name="count"/> messages reached the address, or the deadline passes.</summary>
    public async Task<IReadOnlyList<Message>> WaitForMessagesToAsync(string address, int count, TimeSpan deadline)
    {
        var until = DateTime.UtcNow + deadline;
        while (true)
        {
            var messages = await MessagesToAsync(address);
            if (messages.Count >= count || DateTime.UtcNow > until)
            {
                return messages;
            }
            await Task.Delay(200);
        }
    }

    private HttpClient Client() => platform.CreateHttpClient(Contracts.ResourceNames.Mail);
}
