using System.Text;
using System.Text.Json;
using Delivery.Worker.Providers;
using Delivery.Worker.Providers.Sms;
using Delivery.Worker.Tests.Providers.Webhook;
using Microsoft.Extensions.Options;

namespace Delivery.Worker.Tests.Providers.Sms;

/// <summary>
/// The two SMS clients against scripted answers in each provider's shape: what they send, and which answers
/// are a refusal for good (no failover) and which are thrown (the next provider is tried).
/// </summary>
public sealed class SmsProviderTests
{
    private const string Phone = "+4915112345678";

    [Fact]
    public async Task Twilio_gets_a_form_post_with_basic_authentication_and_its_sid_is_kept()
    {
        await using var twilio = new ScriptedReceiver("201 Created\r\nContent-Type: application/json\r\n\r\n{\"sid\":\"SM123\",\"status\":\"queued\",\"num_segments\":\"1\"}");

        var result = await Twilio(twilio).SendAsync(Text("Hello"), CancellationToken.None);

        Assert.Equal("SM123", Assert.IsType<ChannelSendResult.Accepted>(result).ProviderMessageId);
        var (headers, body) = Assert.Single(twilio.Requests);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("AC1:token")), headers["Authorization"]);
        Assert.Equal("To=%2B4915112345678&From=%2B15005550006&Body=Hello", Encoding.UTF8.GetString(body));
    }

    [Theory]
    [InlineData("400 Bad Request", true)] // 21211: not a valid number; another provider says the same
    [InlineData("401 Unauthorized", false)]
    [InlineData("429 Too Many Requests", false)]
    [InlineData("503 Service Unavailable", false)]
    public async Task Twilio_errors_refuse_or_hand_over(string status, bool refused)
    {
        await using var twilio = new ScriptedReceiver($"{status}\r\nContent-Type: application/json\r\n\r\n{{\"code\":21211,\"message\":\"The 'To' number is not a valid phone number.\",\"status\":400}}");

        var send = () => Twilio(twilio).SendAsync(Text("Hello"), CancellationToken.None);

        if (refused)
        {
            Assert.Contains("21211", Assert.IsType<ChannelSendResult.Rejected>(await send()).Reason);
        }
        else
        {
            await Assert.ThrowsAsync<ProviderHttpException>(send);
        }
    }

    [Fact]
    public async Task Vonage_gets_json_without_the_plus_and_unicode_outside_gsm7_and_counts_its_parts()
    {
        await using var vonage = new ScriptedReceiver("200 OK\r\nContent-Type: application/json\r\n\r\n"
            + """{"message-count":"2","messages":[{"status":"0","message-id":"A1"},{"status":"0","message-id":"A2"}]}""");

        var result = await Vonage(vonage).SendAsync(Text("Ваш заказ отправлен 📦 " + new string('x', 60)), CancellationToken.None);

        var accepted = Assert.IsType<ChannelSendResult.Accepted>(result);
        Assert.Equal(("A1", 2), (accepted.ProviderMessageId, accepted.Segments));
        var request = JsonDocument.Parse(Assert.Single(vonage.Requests).Body).RootElement;
        Assert.Equal("4915112345678", request.GetProperty("to").GetString());
        Assert.Equal("unicode", request.GetProperty("type").GetString());
        Assert.Equal("key", request.GetProperty("api_key").GetString());
    }

    [Theory]
    [InlineData("3", true)] // invalid parameters: the number
    [InlineData("1", false)] // throttled
    [InlineData("4", false)] // bad credentials: this provider's problem, not the message's
    public async Task Vonage_statuses_refuse_or_hand_over(string status, bool refused)
    {
        await using var vonage = new ScriptedReceiver("200 OK\r\nContent-Type: application/json\r\n\r\n"
            + $$"""{"message-count":"1","messages":[{"status":"{{status}}","error-text":"scripted"}]}""");

        var send = () => Vonage(vonage).SendAsync(Text("Hello"), CancellationToken.None);

        if (refused)
        {
            Assert.IsType<ChannelSendResult.Rejected>(await send());
        }
        else
        {
            await Assert.ThrowsAsync<ProviderHttpException>(send);
        }
    }

    private static OutgoingMessage Text(string body) => new("delivery-1", Phone, "", body);

    private static TwilioSmsProvider Twilio(ScriptedReceiver api) => new(Clients(api), Options.Create(new SmsOptions
    {
        From = "+15005550006",
        Twilio = new TwilioAccount { AccountSid = "AC1", AuthToken = "token" },
    }));

    private static VonageSmsProvider Vonage(ScriptedReceiver api) => new(Clients(api), Options.Create(new SmsOptions
    {
        From = "+15005550006",
        Vonage = new VonageAccount { ApiKey = "key", ApiSecret = "secret" },
    }));

    private static IHttpClientFactory Clients(ScriptedReceiver api) => new OneClient(new Uri(api.Url, "/"));

    private sealed class OneClient(Uri baseAddress) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new() { BaseAddress = baseAddress };
    }
}
