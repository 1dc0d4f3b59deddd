using System.Net.Http.Json;

namespace NotificationAspire.EndToEnd.Tests;

/// <summary>What arrived at the `mail` resource (smtp4dev), read through its REST API as a user would in its UI.</summary>
public sealed class MailSink(PlatformFixture platform)
{
    public sealed record Message(string Id, string From, string[] To, string Subject, DateTimeOffset ReceivedDate);

    private sealed record Page(List<Message> Results);

    /// <summary>Every message delivered to an address (smtp4dev's search matches recipients).</summary>
    public async Task<IReadOnlyList<Message>> MessagesToAsync(string address)
    {
        using var http = platform.CreateHttpClient(Contracts.ResourceNames.Mail);
        var page = await http.GetFromJsonAsync<Page>($"/api/messages?searchTerms={Uri.EscapeDataString(address)}&pageSize=1000");
        return page?.Results.Where(m => m.To.Contains(address, StringComparer.OrdinalIgnoreCase)).ToList() ?? [];
    }

    public async Task<string> PlainTextBodyAsync(string messageId)
    {
        using var http = platform.CreateHttpClient(Contracts.ResourceNames.Mail);
        return await http.GetStringAsync($"/api/messages/{messageId}/plaintext");
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
}
