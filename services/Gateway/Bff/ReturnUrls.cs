namespace Gateway.Bff;

/// <summary>
/// Where <c>/bff/login?returnUrl=</c> may send the browser after sign-in: a path on the gateway itself, never
/// another site. Refused: absolute URLs, protocol-relative ones (<c>//evil</c>, and <c>/\evil</c>, which browsers
/// read the same way) and control characters (browsers drop tabs and newlines, so <c>/\t/evil</c> is <c>//evil</c>).
/// </summary>
public static class ReturnUrls
{
    public const string Default = BffDefaults.HomePath;

    /// <summary>The URL to return to (the home page when none is given), or null when it is not a local path.</summary>
    public static string? Validate(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl))
        {
            return Default;
        }
        if (returnUrl[0] != '/' || returnUrl.Length > 1 && returnUrl[1] is '/' or '\\' || returnUrl.Any(char.IsControl))
        {
            return null;
        }
        return returnUrl;
    }
}
