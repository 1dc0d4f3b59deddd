using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Contracts.Recipients;

namespace Delivery.Worker.Providers.Sms;

/// <summary>
/// SMS through Vonage's SMS API: a JSON `POST /sms/json` carrying the API key and secret, the number without
/// its '+', and `type: unicode` for texts outside GSM-7. Vonage answers 200 even when it refuses: each part
/// has a `status`, "0" for accepted. Throttling (1), an internal error (5) and account problems (4, 8, 9) are
/// thrown so the next provider is tried; anything else about the message or number is refused for good.
/// </summary>
public sealed class VonageSmsProvider(IHttpClientFactory clients, IOptions<SmsOptions> options) : IChannelProvider
{
    public const string ProviderName = "vonage";

    // https://developer.vonage.com/en/messaging/sms/guides/troubleshooting-sms: statuses that say nothing about the message.
    private static readonly HashSet<string> ProviderSideStatuses = ["1", "4", "5", "8", "9"];

    public string Channel => Channels.Sms;

    public string Name => ProviderName;

    public async Task<ChannelSendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        if (!PhoneNumbers.IsE164(message.Contact))
        {
            return new ChannelSendResult.Rejected("The recipient's phone number is not in E.164 form.");
        }
        var account = options.Value.Vonage;
        var request = new VonageRequest(account.ApiKey!, account.ApiSecret!, options.Value.From.TrimStart('+'), message.Contact.TrimStart('+'),
            message.Body, SmsSegments.EncodingOf(message.Body) == SmsEncoding.Ucs2 ? "unicode" : "text", message.DeliveryKey);

        using var http = clients.CreateClient(ProviderName);
        // Buffered, so the request has a Content-Length rather than a chunked body.
        using var content = new StringContent(JsonSerializer.Serialize(request), System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("sms/json", content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new ProviderHttpException(ProviderName, (int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        }
        var answer = await response.Content.ReadFromJsonAsync<VonageResponse>(cancellationToken)
            ?? throw new ProviderHttpException(ProviderName, (int)response.StatusCode, "an empty answer");
        if (answer.Messages.FirstOrDefault(m => m.Status != "0") is { } refused)
        {
            var detail = $"status {refused.Status} {refused.ErrorText}";
            return ProviderSideStatuses.Contains(refused.Status)
                ? throw new ProviderHttpException(ProviderName, (int)response.StatusCode, detail)
                : new ChannelSendResult.Rejected($"Vonage refused the message: {detail}");
        }
        // A long text is several parts, each with its own id; the first names the message.
        return new ChannelSendResult.Accepted(answer.Messages.FirstOrDefault()?.MessageId) { Segments = answer.Messages.Count };
    }

    private sealed record VonageRequest(
        [property: JsonPropertyName("api_key")] string ApiKey,
        [property: JsonPropertyName("api_secret")] string ApiSecret,
        [property: JsonPropertyName("from")] string From,
        [property: JsonPropertyName("to")] string To,
        [property: JsonPropertyName("text")] string Text,
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("client-ref")] string ClientRef);

    private sealed record VonageResponse([property: JsonPropertyName("messages")] List<VonagePart> Messages);

    private sealed record VonagePart(
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("message-id")] string? MessageId,
        [property: JsonPropertyName("error-text")] string? ErrorText);
}
