using System.Security.Claims;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Who is calling, as every service records senders: a service account is known by its client id, a person by their
/// subject. One rule, so the sender notifications-api stores is the sender inbox-api recognises on a timeline.
/// </summary>
public static class CallerIdentity
{
    public static string SenderId(this ClaimsPrincipal user) =>
        user.SenderIdOrNull() ?? throw new InvalidOperationException("An authenticated caller has no subject.");

    /// <summary>The sender id, or null for a principal without a subject (one that can be nobody's sender).</summary>
    public static string? SenderIdOrNull(this ClaimsPrincipal user) =>
        user.FindFirstValue("azp") is { Length: > 0 } clientId && user.IsServiceAccount()
            ? clientId
            : user.FindFirstValue("sub");

    /// <summary>Keycloak names a client's service-account user `service-account-{clientId}`.</summary>
    public static bool IsServiceAccount(this ClaimsPrincipal user) =>
        user.FindFirstValue("preferred_username")?.StartsWith("service-account-", StringComparison.Ordinal) == true;
}
