using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;
using NotificationAspire.Contracts.Events;

namespace Delivery.Worker.Providers.Email;

/// <summary>
/// Email over SMTP with MailKit: plain-text body, a Message-ID derived from the delivery key. A 5xx reply
/// is a permanent refusal; everything else that goes wrong (refused connection, timeout, 4xx) is thrown
/// so the record is retried.
/// </summary>
public sealed class SmtpEmailProvider(SmtpEndpoint endpoint, IOptions<EmailOptions> options, ILogger<SmtpEmailProvider> logger)
    : IChannelProvider
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    public string Channel => Channels.Email;

    public async Task<ChannelSendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        if (!EmailAddresses.TryParse(message.Contact, out var to))
        {
            // The reason travels in status events and logs; the contact itself stays out of them.
            return new ChannelSendResult.Rejected("The recipient's contact is not an email address.");
        }

        var email = Compose(message, to);
        using var activity = DeliveryTelemetry.Source.StartActivity("smtp send", ActivityKind.Client);
        activity?.SetTag("server.address", endpoint.Host);
        activity?.SetTag("server.port", endpoint.Port);
        activity?.SetTag("network.protocol.name", "smtp");
        activity?.SetTag("notificationaspire.delivery_key", message.DeliveryKey);

        // One connection per message keeps failures independent; pooling can come when volume asks for it.
        using var client = new SmtpClient { Timeout = (int)CommandTimeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(endpoint.Host, endpoint.Port, endpoint.Security, cancellationToken);
            var reply = await client.SendAsync(email, cancellationToken);
            activity?.SetTag("smtp.response", reply);
        }
        catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            return new ChannelSendResult.Rejected($"SMTP {(int)ex.StatusCode} {ex.ErrorCode}: {ex.Message}");
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }

        await QuitQuietlyAsync(client, message.DeliveryKey);
        return new ChannelSendResult.Accepted(email.MessageId);
    }

    private MimeMessage Compose(OutgoingMessage message, MailboxAddress to)
    {
        var from = MailboxAddress.Parse(options.Value.From);
        var email = new MimeMessage
        {
            // The same delivery always carries the same Message-ID, so if a crash makes us send it twice
            // (see DeliveryProcessor) receiving systems can recognise the copy.
            MessageId = $"{Hash(message.DeliveryKey)}@{from.Domain}",
            Subject = message.Subject,
            Body = new TextPart("plain") { Text = message.Body },
        };
        email.From.Add(from);
        email.To.Add(to);
        return email;
    }

    /// <summary>After the server accepted the message, a failing QUIT must not look like a failed send.</summary>
    private async Task QuitQuietlyAsync(SmtpClient client, string deliveryKey)
    {
        try
        {
            await client.DisconnectAsync(quit: true, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "QUIT after delivering {DeliveryKey} failed; the message was already accepted", deliveryKey);
        }
    }

    // Delivery keys hold user ids, which may contain anything; a hash is always a valid Message-ID local part.
    private static string Hash(string deliveryKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(deliveryKey)));
}
