using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NotificationAspire.EndToEnd.Tests.Recipients;

/// <summary>Templates rendered in each person's language at delivery time; mistakes refused when saved or sent, never at delivery.</summary>
[Collection(PlatformCollection.Name)]
public sealed class TemplateTests(PlatformFixture platform)
{
    private readonly People _people = new(platform);
    private readonly MailSink _mail = new(platform);
    private readonly PlatformApi _api = new(platform);

    [Fact]
    public async Task A_person_whose_locale_is_de_AT_gets_the_german_variant()
    {
        var (userId, email) = People.New("locale");
        await _people.CreateAsync(userId, new { email, locale = "de-AT", timeZone = "Europe/Vienna" });
        var orderId = Guid.NewGuid().ToString("N")[..10];

        var id = await _people.SendAsync(new
        {
            category = "order-updates",
            recipients = new[] { new { userId } },
            templateKey = "order-shipped",
            templateData = new { name = "Anna <b>", orderId, trackingUrl = "https://track.example/1" },
        });

        var view = await _people.WaitForStatusAsync(id, "Delivered");
        Assert.Equal("order-shipped", view.GetProperty("templateKey").GetString());
        Assert.Equal(1, view.GetProperty("templateVersion").GetInt32());
        var message = Assert.Single(await _mail.WaitForMessagesToAsync(email, 1, People.Deadline));
        Assert.Equal($"Ihre Bestellung {orderId} wurde versandt", message.Subject);
        Assert.Contains("Hallo Anna <b>", await _mail.PlainTextBodyAsync(message.Id)); // text is not HTML: nothing to escape
    }

    [Fact]
    public async Task A_template_with_a_syntax_error_is_refused_with_its_line_and_column()
    {
        var admin = await platform.GetUserTokenAsync("operator");
        using var response = await _api.SendAsync(HttpMethod.Put, $"/api/templates/broken-{Guid.NewGuid():N}"[..30], admin, JsonContent.Create(new
        {
            name = "Broken",
            defaultLocale = "en",
            variables = new[] { "name" },
            variants = new[] { new { locale = "en", emailSubject = "Hi", emailText = "Hello\n{{ name | }}" } },
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var error = Assert.Single(problem.GetProperty("syntaxErrors").EnumerateArray());
        Assert.Equal("variants[0].emailText", error.GetProperty("field").GetString());
        Assert.Equal(2, error.GetProperty("line").GetInt32());
        Assert.True(error.GetProperty("column").GetInt32() > 0);
    }

    [Fact]
    public async Task A_send_missing_a_variable_the_template_declares_is_refused_at_accept_time()
    {
        using var response = await _api.PostNotificationAsync(await _people.WriterTokenAsync(), new
        {
            category = "order-updates",
            recipients = new[] { new { userId = "someone" } },
            templateKey = "order-shipped",
            templateData = new { name = "Anna", orderId = "1" },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("templateData.trackingUrl", out _), problem.ToString());
    }
}
