using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Inbox.Api.Inbox;

/// <summary>
/// An opaque position in a person's inbox (after this item), as pages hand it out: base64url of `inbox:{sequence}`.
/// Opaque so clients pass it back as is; the sequence survives a rebuild, so a cursor does too.
/// </summary>
public static class InboxCursor
{
    private const string Prefix = "inbox:";

    public static string Encode(long sequence) => Base64Url.EncodeToString(Encoding.ASCII.GetBytes($"{Prefix}{sequence.ToString(CultureInfo.InvariantCulture)}"));

    /// <summary>The sequence the cursor points after, or null when it is not one of ours.</summary>
    public static long? Decode(string cursor)
    {
        if (cursor.Length is 0 or > 64 || !Base64Url.IsValid(cursor))
        {
            return null;
        }
        var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor));
        return text.StartsWith(Prefix, StringComparison.Ordinal)
               && long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) && sequence > 0
            ? sequence
            : null;
    }
}
