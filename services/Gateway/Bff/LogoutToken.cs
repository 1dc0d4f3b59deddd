using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Gateway.Bff;

/// <summary>
/// The sign-out form's anti-CSRF token (a plain HTML form cannot send the <c>X-CSRF</c> header): the session's own
/// key, encrypted with Data Protection, written into the gateway's home page. A page of another site can neither
/// read it nor make one, and it is worthless for any other session.
/// </summary>
public sealed class LogoutToken(IDataProtectionProvider protection)
{
    public const string FormField = "csrf";

    /// <summary>A random id the gateway gives each session when it is created (a claim of its ticket, never of a token).</summary>
    public const string SessionIdClaim = "gateway_session";

    private readonly IDataProtector _protector = protection.CreateProtector("Gateway.Bff.LogoutToken");

    public string? For(ClaimsPrincipal user) => SessionKey(user) is { } key ? _protector.Protect(key) : null;

    public bool IsValid(string? token, ClaimsPrincipal user)
    {
        if (string.IsNullOrEmpty(token) || SessionKey(user) is not { } key)
        {
            return false;
        }
        try
        {
            return string.Equals(_protector.Unprotect(token), key, StringComparison.Ordinal);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static string? SessionKey(ClaimsPrincipal user) => user.FindFirst(SessionIdClaim)?.Value;
}
