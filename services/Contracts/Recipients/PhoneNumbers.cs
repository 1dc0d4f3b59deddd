using System.Text.RegularExpressions;

namespace NotificationAspire.Contracts.Recipients;

/// <summary>Phone numbers as SMS providers take them: E.164, a '+', the country code and at most 15 digits in all.</summary>
public static partial class PhoneNumbers
{
    public const string E164Hint = "Not an E.164 number: '+', the country code and the number, up to 15 digits, no spaces (+4915112345678).";

    public static bool IsE164(string? phone) => phone is not null && E164().IsMatch(phone);

    [GeneratedRegex(@"^\+[1-9][0-9]{1,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex E164();
}
