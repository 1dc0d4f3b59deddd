using System.Text.Json.Nodes;
using Delivery.Worker.Composing;
using Microsoft.Extensions.Options;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Contracts.Recipients;
using NotificationAspire.Contracts.Templates;
using NotificationAspire.Templating;

namespace Delivery.Worker.Tests.Digesting;

/// <summary>A digest lists each item as the person would have got it; its template sees `count` and `items`.</summary>
public sealed class DigestCompositionTests
{
    private static readonly NotificationCategory General = new("general", "General", [Channels.Email], Critical: false);

    private readonly MessageComposer composer = new(new TemplateRenderer(), new UnsubscribeLinks(
        Options.Create(new UnsubscribeOptions { PublicBaseUrl = new Uri("http://localhost:5200"), SigningKey = new string('k', 48) }), TimeProvider.System));

    [Fact]
    public void Without_a_template_the_digest_is_a_plain_list_of_every_item()
    {
        var message = composer.Compose(Digest(template: null), "alice@example.com", null, General);

        Assert.Equal("3 new notifications: Comment 1", message.Subject);
        Assert.Equal(3, message.Body.Split('\n').Count(line => line.StartsWith("- Comment ", StringComparison.Ordinal)));
        Assert.Contains("Reply number 3", message.Body);
        Assert.NotNull(message.UnsubscribeUrl);
    }

    [Fact]
    public void An_item_sent_with_a_template_is_rendered_in_the_persons_language()
    {
        var item = new DigestItem(Guid.NewGuid(), DateTimeOffset.UnixEpoch, null, null,
            new TemplateContent("comment", 1, "en", [new TemplateVariant("en", EmailSubject: "New comment by {{ author }}", EmailText: "..."),
                new TemplateVariant("de", EmailSubject: "Neuer Kommentar von {{ author }}", EmailText: "...")]),
            new JsonObject { ["author"] = "Bob" });
        var record = Digest(template: null) with { DigestItems = [item], DigestCount = 1 };

        var message = composer.Compose(record, "alice@example.com", new RecipientContact("alice", "alice@example.com", null, "de-AT", null, null), General);

        Assert.Equal("Neuer Kommentar von Bob", message.Subject);
    }

    [Fact]
    public void A_digest_template_gets_the_count_and_the_items()
    {
        var template = new TemplateContent("comment-digest", 1, "en", [new TemplateVariant("en",
            EmailSubject: "{{ count }} new comments",
            EmailText: "{% for item in items %}* {{ item.subject }} ({{ item.data.author }})\n{% endfor %}")]);

        var message = composer.Compose(Digest(template), "alice@example.com", null, General);

        Assert.Equal("3 new comments", message.Subject);
        Assert.Equal("* Comment 1 (author 1)\n* Comment 2 (author 2)\n* Comment 3 (author 3)\n", message.Body);
    }

    private static DeliveryDispatched Digest(TemplateContent? template) =>
        new(Guid.NewGuid(), "digest:abc", "alice", null, Channels.Email, null, null, null, 1, null, [])
        {
            Category = General.Key,
            Template = template,
            DigestCount = 3,
            DigestItems = [.. Enumerable.Range(1, 3).Select(i => new DigestItem(Guid.NewGuid(), DateTimeOffset.UnixEpoch.AddSeconds(i),
                $"Comment {i}", $"Reply number {i}", null, new JsonObject { ["author"] = $"author {i}" }))],
        };
}
