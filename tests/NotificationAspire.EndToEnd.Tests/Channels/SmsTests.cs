using System.Net;
using System.Text.Json;

// Not `.Channels`: that would hide NotificationAspire.Contracts.Events.Channels from the other tests.
namespace NotificationAspire.EndToEnd.Tests.ChannelsAndProviders;

/// <summary>
/// Texts through the worker's real Twilio and Vonage clients to the carrier stand-in that speaks both APIs:
/// the person's phone from their profile, the provider that took it on the attempt, and failover at once.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class SmsTests(PlatformFixture platform)
{
    private readonly People _people = new(platform);
    private readonly SmsCarrier _carrier = new(platform);
    private readonly PlatformApi _api = new(platform);

    [Fact]
    public async Task A_text_to_a_persons_phone_arrives_at_the_carrier_through_the_first_provider_with_its_segments()
    {
        var (userId, _) = People.New("sms");
        var phone = SmsCarrier.NewNumber();
        await _people.CreateAsync(userId, new { phone });
        var text = $"Your parcel {userId} is out for delivery. Grüße!";

        var id = await _people.SendAsync(Sms("order-updates", "Parcel", text, userId));

        var attempt = People.OnlyAttempt(await _people.WaitForStatusAsync(id, "Delivered"));
        Assert.Equal("sms", attempt.GetProperty("channel").GetString());
        Assert.Equal("twilio", attempt.GetProperty("provider").GetString());
        Assert.Empty(attempt.GetProperty("failedOver").EnumerateArray());
        Assert.Equal(1, attempt.GetProperty("segments").GetInt32());
        var received = Assert.Single(await _carrier.WaitForMessagesToAsync(phone, 1));
        Assert.Equal(text, received.GetProperty("text").GetString());
        Assert.Equal("twilio", received.GetProperty("provider").GetString());
        Assert.Equal(1, received.GetProperty("segments").GetInt32());
    }

    [Fact]
    public async Task When_the_primary_provider_fails_the_same_text_goes_through_the_secondary_in_the_same_attempt()
    {
        var (userId, _) = People.New("failover");
        var phone = SmsCarrier.NewNumber();
        await _people.CreateAsync(userId, new { phone });
        // Outside GSM-7 (the emoji): Vonage must be asked for unicode, and it bills 70-character parts.
        var text = $"Your code for {userId} is 493021 🔐 " + new string('x', 40);

        await _carrier.FailAsync("twilio", 503);
        try
        {
            var id = await _people.SendAsync(Sms("order-updates", "Code", text, userId));

            // At once: the first attempt is delivered, no retry tier in between.
            var attempt = People.OnlyAttempt(await _people.WaitForStatusAsync(id, "Delivered", TimeSpan.FromSeconds(30)));
            Assert.Equal(1, attempt.GetProperty("attemptNumber").GetInt32());
            Assert.Equal("vonage", attempt.GetProperty("provider").GetString());
            var passedOver = Assert.Single(attempt.GetProperty("failedOver").EnumerateArray()).GetString();
            Assert.StartsWith("twilio: ", passedOver);
            Assert.Contains("503", passedOver);
            Assert.Equal(2, attempt.GetProperty("segments").GetInt32());

            var received = Assert.Single(await _carrier.WaitForMessagesToAsync(phone, 1));
            Assert.Equal("vonage", received.GetProperty("provider").GetString());
            Assert.Equal(text, received.GetProperty("text").GetString());
            Assert.Equal(2, received.GetProperty("segments").GetInt32());
        }
        finally
        {
            await _carrier.FailAsync("twilio", null);
        }
    }

    [Fact]
    public async Task A_person_without_a_phone_number_fails_with_the_reason_and_nothing_is_sent()
    {
        var (userId, email) = People.New("nophone");
        await _people.CreateAsync(userId, new { email });

        var id = await _people.SendAsync(Sms("order-updates", "Parcel", "Nobody gets this.", userId));

        var attempt = People.LastAttempt(await _people.WaitForStatusAsync(id, "Failed"));
        Assert.Contains("No sms address", attempt.GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_inline_contact_that_is_not_an_e164_number_is_a_problem_naming_the_field()
    {
        var body = new { channel = "sms", recipients = new[] { new { userId = "sms-inline", contact = "0151 1234567" } }, subject = "s", body = "b" };
        using var response = await _api.PostNotificationAsync(await platform.GetTokenAsync(ServiceAccounts.GrantedSenderOf(null)), body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("E.164", problem.GetProperty("errors").GetProperty("recipients[0].contact")[0].GetString());
    }

    private static object Sms(string category, string subject, string body, string userId) => new
    {
        channel = "sms",
        category,
        recipients = new[] { new { userId } },
        subject,
        body,
    };
}
