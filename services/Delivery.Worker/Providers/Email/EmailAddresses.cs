using MimeKit;

namespace Delivery.Worker.Providers.Email;

/// <summary>Reading addresses strictly: a contact without a domain is a data error, not a local mailbox.</summary>
public static class EmailAddresses
{
    private static readonly ParserOptions Strict = new()
    {
        AllowAddressesWithoutDomain = false,
        AddressParserComplianceMode = RfcComplianceMode.Strict,
    };

    public static bool TryParse(string? text, out MailboxAddress mailbox)
    {
        if (!string.IsNullOrWhiteSpace(text) && MailboxAddress.TryParse(Strict, text, out var parsed))
        {
            mailbox = parsed;
            return true;
        }
        mailbox = null!;
        return false;
    }
}
