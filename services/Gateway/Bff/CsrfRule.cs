namespace Gateway.Bff;

/// <summary>
/// A browser sends the session cookie with any request to the gateway, a cross-site form's included; it sends a
/// custom header only when the gateway's own pages ask it to (another origin's script would need a CORS preflight
/// the gateway never grants). So the cookie counts for an API call only when the call has <c>X-CSRF: 1</c>.
/// Bearer-token callers are not affected: a browser never adds their header by itself.
/// </summary>
public static class CsrfRule
{
    public static bool AppliesTo(PathString path) => path.StartsWithSegments(BffDefaults.ApiPathPrefix, StringComparison.OrdinalIgnoreCase);

    public static bool IsSatisfiedBy(IHeaderDictionary headers) =>
        headers.TryGetValue(BffDefaults.CsrfHeader, out var values) && values.Count == 1
        && string.Equals(values[0], BffDefaults.CsrfHeaderValue, StringComparison.Ordinal);
}
