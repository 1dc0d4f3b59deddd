using MailKit.Net.Smtp;
using MimeKit;

namespace Delivery.Worker.Providers.Email;

/// <summary>
/// An SMTP connection that waits longer for the server's verdict on a message than for anything else.
/// </summary>
/// <remarks>
/// Every step up to the recipients is quick to answer, and a server that does not answer it is dead: those
/// steps get <see cref="EmailOptions.CommandTimeout"/>. Once the recipients are accepted, the message goes
/// out, and the reply to its end may come only after the server has written it down (RFC 5321 §4.5.3.2.6
/// gives that step ten minutes). Giving up on that reply early is the one way a *live* server makes us
/// send twice: it accepts the message we have already counted as failed and will retry. So from the
/// accepted recipients on, the connection waits <see cref="EmailOptions.DataTimeout"/>.
/// </remarks>
public sealed class SmtpDeliveryClient(EmailOptions options) : SmtpClient
{
    /// <summary>Back to the short timeout: called before each message (a pooled connection ends a send on the long one).</summary>
    public void PrepareForMessage() => Timeout = (int)options.CommandTimeout.TotalMilliseconds;

    protected override void OnRecipientAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response)
    {
        base.OnRecipientAccepted(message, mailbox, response);
        Timeout = (int)options.DataTimeout.TotalMilliseconds;
    }
}
