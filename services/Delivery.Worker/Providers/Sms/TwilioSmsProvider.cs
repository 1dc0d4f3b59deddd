using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Contracts.Recipients;

namespace Delivery.Worker.Providers.Sms;

/// <summary>
/// SMS through Twilio's REST API: a form-encoded `POST /2010-04-01/Accounts/{AccountSid}/Messages.json` with
/// HTTP basic authentication (SID and auth token); 201 with the message's `sid` is accepted. A 400 (Twilio's
/// error codes for a bad or unreachable number) is refused for good; 401/403, 429 and 5xx are thrown, so the
/// next provider is tried at once.
/// </summary>
public sealed class TwilioSmsProvider(IHttpClientFactory clients, IOptions<SmsOptions> options) : IChannelProvider
{
    public const string ProviderName = "twilio";

    public string Channel => Channels.Sms;

    public string Name => ProviderName;

    public async Task<ChannelSendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        if (!PhoneNumbers.IsE164(message.Contact))
        {
            return new ChannelSendResult.Rejected("The recipient's phone number is not in E.164 form.");
        }
        var account = options.Value.Twilio;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"2010-04-01/Accounts/{Uri.EscapeDataString(account.AccountSid!)}/Messages.json")
        {
            Content = new FormUrlEncodedContent([new("To", message.Contact), new("From", options.Value.From), new("Body", message.Body)]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{account.AccountSid}:{account.AuthToken}")));

        using var http = clients.CreateClient(ProviderName);
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            using var sent = JsonDocument.Parse(body);
            return new ChannelSendResult.Accepted(sent.RootElement.GetProperty("sid").GetString()) { Segments = SmsSegments.Count(message.Body) };
        }
        var detail = ErrorOf(body);
        return response.StatusCode == HttpStatusCode.BadRequest
            ? new ChannelSendResult.Rejected($"Twilio refused the message: {detail}")
            : throw new ProviderHttpException(ProviderName, (int)response.StatusCode, detail);
    }

    /// <summary>Twilio's error body: `{"code": 21211, "message": "...", "more_info": "...", "status": 400}`.</summary>
    private static string ErrorOf(string body)
    {
        try
        {
            using var error = JsonDocument.Parse(body);
            var root = error.RootElement;
            return root.TryGetProperty("message", out var text)
                ? $"{(root.TryGetProperty("code", out var code) ? code.ToString() : "?")} {text.GetString()}"
                : body;
        }
        catch (JsonException)
        {
            return body.Length > 200 ? body[..200] : body;
        }
    }
}
