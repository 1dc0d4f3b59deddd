using System.Globalization;
using System.Net.Mail;
using System.Text;
using System.Text.RegularExpressions;
using NotificationAspire.Contracts.Recipients;
using NotificationAspire.Http;
using Preferences.Api.Model;

namespace Preferences.Api.Recipients;

/// <summary>
/// What a profile may hold. Values are normalized as they are checked (a locale's canonical name, a zone's
/// IANA id) so the worker reads one spelling. Errors are keyed by the field's JSON path under a prefix
/// (`recipients[3].`), so a bulk call reports every bad entry at once.
/// </summary>
public static partial class RecipientRules
{
    public const int MaxUserIdLength = 200;
    public const int MaxEmailLength = 320;
    public const int MaxLocaleLength = 85;
    public const int MaxTimeZoneLength = 64;
    public const int MaxDataBytes = 4 * 1024;

    // \z, not $: $ would let a trailing newline through. ASCII digits only, not every Unicode digit.
    [GeneratedRegex(@"\A\+[1-9][0-9]{1,14}\z", RegexOptions.CultureInvariant)]
    private static partial Regex E164();

    public static string? UserIdProblem(string? userId) =>
        string.IsNullOrWhiteSpace(userId) || userId.Length > MaxUserIdLength ? $"A user id of 1 to {MaxUserIdLength} characters is required."
        : !TextRules.IsSingleLine(userId) ? TextRules.SingleLineMessage
        : null;

    public static RecipientDetails Normalize(RecipientRequest request, string prefix, FieldErrors errors)
    {
        var email = request.Email?.Trim();
        if (email is not null && !IsEmailAddress(email))
        {
            errors.Add(prefix + "email", "Not an email address (one address, no display name; at most 320 characters).");
        }
        if (request.Phone is { } phone && !IsE164(phone))
        {
            errors.Add(prefix + "phone", "Not an E.164 number: '+', the country code and the number, up to 15 digits, no spaces (+4915112345678).");
        }
        var (locale, timeZone) = NormalizeLanguageAndZone(request.Locale, request.TimeZone, prefix, errors);
        CheckData(request, prefix, errors);
        return new RecipientDetails(email, request.Phone, locale, timeZone, request.Data);
    }

    /// <summary>A locale's canonical name and a zone's IANA id, each null when not given; a wrong one is recorded at its field.</summary>
    public static (string? Locale, string? TimeZone) NormalizeLanguageAndZone(string? localeText, string? timeZoneText, string prefix, FieldErrors errors)
    {
        string? locale = null;
        if (localeText is not null && (locale = CanonicalLocale(localeText)) is null)
        {
            errors.Add(prefix + "locale", "Not a known BCP 47 locale (en, de-AT).");
        }
        string? timeZone = null;
        if (timeZoneText is not null && (timeZone = IanaTimeZone(timeZoneText)) is null)
        {
            errors.Add(prefix + "timeZone", "Not a known IANA time zone (Europe/Berlin).");
        }
        return (locale, timeZone);
    }

    /// <summary>The profiles of a bulk call, or null with every problem recorded when any entry is wrong.</summary>
    public static IReadOnlyList<RecipientUpsert>? NormalizeBulk(BulkRecipientsRequest request, FieldErrors errors)
    {
        if (request.Recipients is not { Count: > 0 } items)
        {
            errors.Add("recipients", "At least one recipient is required.");
            return null;
        }
        if (items.Count > RecipientLimits.MaxBulkRecipients)
        {
            errors.Add("recipients", $"At most {RecipientLimits.MaxBulkRecipients} recipients per call; split the list.");
            return null;
        }
        var upserts = new List<RecipientUpsert>(items.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var prefix = $"recipients[{i}].";
            if (items[i] is not { } item)
            {
                errors.Add($"recipients[{i}]", "A recipient object is required.");
                continue;
            }
            if (UserIdProblem(item.UserId) is { } problem)
            {
                errors.Add(prefix + "userId", problem);
            }
            else if (!seen.Add(item.UserId!))
            {
                errors.Add(prefix + "userId", $"'{item.UserId}' is listed more than once.");
            }
            upserts.Add(new RecipientUpsert(item.UserId!, Normalize(item.ToRequest(), prefix, errors)));
        }
        return errors.Any ? null : upserts;
    }

    public static bool IsE164(string phone) => E164().IsMatch(phone);

    public static bool IsEmailAddress(string text) =>
        text.Length is > 0 and <= MaxEmailLength && TextRules.IsSingleLine(text)
        && MailAddress.TryCreate(text, out var address) && address.Address == text && address.DisplayName.Length == 0;

    /// <summary>The culture's canonical name (`de-at` -> `de-AT`), or null when .NET does not know it.</summary>
    public static string? CanonicalLocale(string text)
    {
        if (text.Length is 0 or > MaxLocaleLength || !TextRules.IsSingleLine(text))
        {
            return null;
        }
        try
        {
            var culture = CultureInfo.GetCultureInfo(text, predefinedOnly: true);
            return culture.Name.Length == 0 ? null : culture.Name; // the invariant culture is no locale
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The zone's IANA id (a Windows id is converted), or null when the system does not know it.</summary>
    public static string? IanaTimeZone(string text)
    {
        if (text.Length is 0 or > MaxTimeZoneLength || !TextRules.IsSingleLine(text) || !TimeZoneInfo.TryFindSystemTimeZoneById(text, out var zone))
        {
            return null;
        }
        if (!zone.HasIanaId)
        {
            return TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var converted) ? converted : null;
        }
        // The zoneinfo folder also holds files that are no zone a person lives in (localtime, posixrules) and
        // copies under posix/ and right/ (the latter counting leap seconds); CLDR's table knows only real zones.
        return TimeZoneInfo.TryConvertIanaIdToWindowsId(zone.Id, out _) ? zone.Id : null;
    }

    private static void CheckData(RecipientRequest request, string prefix, FieldErrors errors)
    {
        var problems = FreeFormJson.Problems(request.Data, prefix + "data");
        foreach (var (field, message) in problems)
        {
            errors.Add(field, message);
        }
        // Only data that walked cleanly can be written out to measure.
        if (problems.Count == 0 && request.Data is { } data && Encoding.UTF8.GetByteCount(data.ToJsonString()) > MaxDataBytes)
        {
            errors.Add(prefix + "data", $"Custom data may be at most {MaxDataBytes} bytes as JSON.");
        }
    }
}

/// <summary>One validated profile to create or replace.</summary>
public sealed record RecipientUpsert(string UserId, RecipientDetails Details);
