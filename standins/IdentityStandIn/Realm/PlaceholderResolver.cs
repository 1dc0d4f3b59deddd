using System.Text.Json;
using System.Text.RegularExpressions;

namespace NotificationAspire.Standins.IdentityStandIn.Realm;

/// <summary>
/// Resolves <c>${NAME}</c> and <c>${NAME:default}</c> in the realm file's text from environment variables,
/// as Keycloak does when it imports the file, so both read the same secrets from the same variables.
/// </summary>
public static partial class PlaceholderResolver
{
    // Names are environment-variable shaped on purpose: Keycloak's own i18n keys such as
    // ${role_offline-access} contain dashes and are left alone instead of failing startup.
    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?::(?<default>[^}]*))?\}")]
    private static partial Regex Placeholder();

    public static string Resolve(string text, Func<string, string?> lookup)
    {
        var missing = new SortedSet<string>(StringComparer.Ordinal);

        var resolved = Placeholder().Replace(text, match =>
        {
            var name = match.Groups["name"].Value;
            var value = lookup(name);
            if (value is null && match.Groups["default"].Success)
            {
                value = match.Groups["default"].Value;
            }

            if (value is null)
            {
                missing.Add(name);
                return match.Value;
            }

            // Placeholders sit inside JSON strings: escape the value so a secret with a quote or
            // backslash cannot break (or inject into) the document.
            return JsonEncodedText.Encode(value).ToString();
        });

        if (missing.Count > 0)
        {
            throw new RealmFileException(
                $"The realm file uses placeholder(s) with no environment variable and no default: {string.Join(", ", missing)}. " +
                "Set them (Keycloak needs the same variables) or write ${NAME:default} in the file.");
        }

        return resolved;
    }
}
