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
public sealed class SmtpEmailProvider(SmtpEndpoint endpoint, SmtpConnectionPool connections, IOptions<EmailOptions> options)
    : IChannelProvider
{
    public string Channel => Channels.Email;

    public string Name => "smtp";

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

        SmtpDeliveryClient? client = null;
        try
        {
            client = await connections.RentAsync(cancellationToken);
            var reply = await client.SendAsync(email, cancellationToken);
            activity?.SetTag("smtp.response", reply);
            connections.Return(client);
            client = null;
            return new ChannelSendResult.Accepted(email.MessageId);
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
        finally
        {
            client?.Dispose(); // a connection in an unknown state is not reused
        }
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
            Body = Body(message),
        };
        email.From.Add(from);
        email.To.Add(to);
        if (message.Locale is not null)
        {
            email.Headers.Add(HeaderId.ContentLanguage, message.Locale);
        }
        if (message.UnsubscribeUrl is { } unsubscribe)
        {
            // RFC 8058: a mail client offers "unsubscribe" and POSTs "List-Unsubscribe=One-Click" to the https/http
            // URI, with no login and no page to click through. (Receivers trust it when DKIM covers both headers:
            // signing belongs to the sending domain's mail server.)
            email.Headers.Add(HeaderId.ListUnsubscribe, $"<{unsubscribe.AbsoluteUri}>");
            email.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        return email;
    }

    /// <summary>Text, HTML, or both as alternatives (text first: clients show the last part they can render).</summary>
    private static MimeEntity Body(OutgoingMessage message)
    {
        if (message.HtmlBody is null)
        {
            return new TextPart("plain") { Text = message.Body };
        }
        var html = new TextPart("html") { Text = message.HtmlBody };
        return message.Body.Length == 0
            ? html
            : new MultipartAlternative { new TextPart("plain") { Text = message.Body }, html };
    }

    // Delivery keys hold user ids, which may contain anything; a hash is always a valid Message-ID local part.
    private static string Hash(string deliveryKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(deliveryKey)));
}
