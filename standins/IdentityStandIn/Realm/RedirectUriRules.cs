namespace NotificationAspire.Standins.IdentityStandIn.Realm;

/// <summary>
/// Which addresses a client may have the browser sent back to, matched the way Keycloak matches them: an entry
/// is an exact URI or a prefix ending in <c>*</c> (the query ignored unless the entry has one), and for
/// <c>http://localhost</c> and <c>http://127.0.0.1</c> the port does not count (RFC 8252's loopback rule).
/// </summary>
public static class RedirectUriRules
{
    public const string PostLogoutRedirectUrisAttribute = "post.logout.redirect.uris";

    private const string SameAsRedirectUris = "+";
    private static readonly string[] LoopbackOrigins = ["http://localhost", "http://127.0.0.1"];

    public static bool IsValidRedirectUri(RealmClient client, string? uri) => Matches(client.RedirectUris, uri);

    /// <summary>Keycloak's attribute lists them separated by <c>##</c>; <c>+</c> (or no attribute) means the redirect URIs.</summary>
    public static bool IsValidPostLogoutRedirectUri(RealmClient client, string? uri)
    {
        if (!client.Attributes.TryGetValue(PostLogoutRedirectUrisAttribute, out var attribute) || string.IsNullOrWhiteSpace(attribute))
        {
            return Matches(client.RedirectUris, uri);
        }
        var entries = attribute.Split("##", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var valid = entries.SelectMany(e => e == SameAsRedirectUris ? client.RedirectUris : [e]).ToList();
        return Matches(valid, uri);
    }

    public static bool Matches(IReadOnlyCollection<string> validUris, string? uri)
    {
        if (string.IsNullOrEmpty(uri) || !Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Fragment.Length > 0
            || uri.Contains("/../", StringComparison.Ordinal) || uri.Contains("/./", StringComparison.Ordinal) || uri.Contains('\\'))
        {
            return false;
        }
        if (MatchesAny(validUris, uri))
        {
            return true;
        }
        // Keycloak's loopback rule: drop the port and try again.
        var origin = LoopbackOrigins.FirstOrDefault(o => uri.StartsWith(o + ":", StringComparison.Ordinal));
        if (origin is null)
        {
            return false;
        }
        var pathStart = uri.IndexOf('/', origin.Length);
        return MatchesAny(validUris, origin + (pathStart >= 0 ? uri[pathStart..] : string.Empty));
    }

    private static bool MatchesAny(IReadOnlyCollection<string> validUris, string uri) => validUris.Any(valid =>
    {
        if (!valid.EndsWith('*'))
        {
            return string.Equals(valid, uri, StringComparison.Ordinal);
        }
        var candidate = valid.Contains('?') ? uri : StripQuery(uri);
        return candidate.StartsWith(valid[..^1], StringComparison.Ordinal);
    });

    private static string StripQuery(string uri) => uri.IndexOf('?') is var i and >= 0 ? uri[..i] : uri;
}
