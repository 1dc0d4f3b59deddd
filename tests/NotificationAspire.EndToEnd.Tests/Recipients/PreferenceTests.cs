using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NotificationAspire.EndToEnd.Tests.Recipients;

/// <summary>
/// Sending to people rather than addresses: the worker asks preferences-api about each person at delivery time,
/// so an opt-out counts, a critical category gets through anyway, and the link in an email opts out in one click.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PreferenceTests(PlatformFixture platform)
{
    private readonly People _people = new(platform);
    private readonly MailSink _mail = new(platform);
    private readonly PlatformApi _api = new(platform);

    [Fact]
    public async Task An_opted_out_category_is_skipped_with_the_reason_and_a_critical_one_is_delivered_anyway()
    {
        var (userId, email) = People.New("optout");
        await _people.CreateAsync(userId, new { email, locale = "en", timeZone = "Europe/Berlin" });
        await _people.SetPreferencesAsync(userId, new
        {
            channels = new Dictionary<string, bool>(),
            categories = new Dictionary<string, object> { ["order-updates"] = new { email = false }, ["security"] = new { email = false } },
        });

        var skipped = await _people.SendAsync(People.AdHoc("order-updates", $"Skipped {userId}", userId));
        var critical = await _people.SendAsync(People.AdHoc("security", $"Critical {userId}", userId));

        var skippedView = await _people.WaitForStatusAsync(skipped, "Skipped");
        var attempt = People.OnlyAttempt(skippedView);
        Assert.Equal("Skipped", attempt.GetProperty("state").GetString());
        Assert.Contains("opted out of 'order-updates' on email", attempt.GetProperty("error").GetString());

        await _people.WaitForStatusAsync(critical, "Delivered");
        var message = Assert.Single(await _mail.WaitForMessagesToAsync(email, 1, People.Deadline)); // the critical one, and only it
        Assert.Equal($"Critical {userId}", message.Subject);
        Assert.Null(await _mail.HeaderAsync(message.Id, "List-Unsubscribe")); // nobody can leave security alerts
    }

    [Fact]
    public async Task The_unsubscribe_link_in_an_email_opts_the_person_out_when_a_mail_client_posts_it()
    {
        var (userId, email) = People.New("oneclick");
        await _people.CreateAsync(userId, new { email });

        var first = await _people.SendAsync(People.AdHoc("billing", $"Invoice {userId}", userId));
        await _people.WaitForStatusAsync(first, "Delivered");
        var message = Assert.Single(await _mail.WaitForMessagesToAsync(email, 1, People.Deadline));
        Assert.Equal("List-Unsubscribe=One-Click", await _mail.HeaderAsync(message.Id, "List-Unsubscribe-Post"));
        var header = await _mail.HeaderAsync(message.Id, "List-Unsubscribe");
        Assert.NotNull(header);
        var link = new Uri(header.Trim().TrimStart('<').TrimEnd('>'));
        Assert.Equal(platform.App.GetEndpoint(Contracts.ResourceNames.Gateway, "http").Authority, link.Authority); // through the gateway

        // What a mail client does (RFC 8058): no login, no cookie, one form field. A link scanner's GET changes nothing.
        using var http = new HttpClient();
        using (var page = await http.GetAsync(link))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
        var stillSubscribed = await _people.SendAsync(People.AdHoc("billing", $"After GET {userId}", userId));
        await _people.WaitForStatusAsync(stillSubscribed, "Delivered");

        using var unsubscribe = await http.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.OK, unsubscribe.StatusCode);

        var after = await _people.SendAsync(People.AdHoc("billing", $"After POST {userId}", userId));
        var view = await _people.WaitForStatusAsync(after, "Skipped");
        Assert.Contains("opted out of 'billing'", People.OnlyAttempt(view).GetProperty("error").GetString());
        Assert.Equal(2, (await _mail.WaitForMessagesToAsync(email, 2, People.Deadline)).Count);

        // Other categories still reach them: the link named billing only.
        var other = await _people.SendAsync(People.AdHoc("order-updates", $"Order {userId}", userId));
        await _people.WaitForStatusAsync(other, "Delivered");
    }

    [Fact]
    public async Task A_forged_unsubscribe_link_is_refused_with_a_problem()
    {
        using var http = new HttpClient { BaseAddress = platform.App.GetEndpoint(Contracts.ResourceNames.Gateway, "http") };
        using var response = await http.PostAsync("/api/unsubscribe/YWxpY2U.billing.email.4102444800.AAAA",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("token", out _));
    }

    [Fact]
    public async Task A_person_reads_and_changes_their_own_preferences_and_the_next_send_honours_them()
    {
        var alice = await platform.GetUserTokenAsync("alice");
        using (var put = await _api.SendAsync(HttpMethod.Put, "/api/me/preferences", alice, JsonContent.Create(new
        {
            channels = new Dictionary<string, bool>(),
            categories = new Dictionary<string, object> { ["general"] = new { email = false } },
        })))
        {
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        }
        using (var get = await _api.SendAsync(HttpMethod.Get, "/api/me/preferences", alice))
        {
            var mine = await get.Content.ReadFromJsonAsync<JsonElement>();
            Assert.False(mine.GetProperty("categories").GetProperty("general").GetProperty("email").GetBoolean());
        }

        // alice has no profile: the sender gives her address inline, and her choice still holds.
        var id = await _people.SendAsync(new
        {
            recipients = new[] { new { userId = "alice", contact = $"alice-{Guid.NewGuid():N}@example.com" } },
            subject = "Newsletter",
            body = "Hello.",
        });
        var view = await _people.WaitForStatusAsync(id, "Skipped");
        Assert.Contains("opted out of 'general'", People.OnlyAttempt(view).GetProperty("error").GetString());

        using var reset = await _api.SendAsync(HttpMethod.Put, "/api/me/preferences", alice,
            JsonContent.Create(new { channels = new Dictionary<string, bool>(), categories = new Dictionary<string, object>() }));
        Assert.True(reset.IsSuccessStatusCode);
    }

    [Fact]
    public async Task Erasure_removes_the_profile_and_a_later_send_without_an_address_is_not_delivered()
    {
        var (userId, email) = People.New("erase");
        await _people.CreateAsync(userId, new { email, phone = "+4915112345678", locale = "de" });
        await _people.SetPreferencesAsync(userId, new { channels = new Dictionary<string, bool> { ["sms"] = false } });
        var token = await _people.WriterTokenAsync();

        using (var erase = await _api.SendAsync(HttpMethod.Delete, $"/api/recipients/{userId}", token))
        {
            Assert.Equal(HttpStatusCode.NoContent, erase.StatusCode);
        }
        using (var gone = await _api.SendAsync(HttpMethod.Get, $"/api/recipients/{userId}", token))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }
        using (var preferences = await _api.SendAsync(HttpMethod.Get, $"/api/recipients/{userId}/preferences", token))
        {
            var document = await preferences.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Empty(document.GetProperty("channels").EnumerateObject());
        }

        var id = await _people.SendAsync(People.AdHoc("order-updates", $"After erasure {userId}", userId));
        var view = await _people.WaitForStatusAsync(id, "Failed");
        Assert.Contains("no profile", People.LastAttempt(view).GetProperty("error").GetString());
        Assert.Empty(await _mail.MessagesToAsync(email));
    }
}
