using System.Security.Claims;

namespace Notifications.Api.Requests;

/// <summary>Who is calling: a service account is known by its client id, a person by their subject.</summary>
public static class CallerIdentity
{
    public static string SenderId(this ClaimsPrincipal user) =>
        user.FindFirstValue("azp") is { Length: > 0 } clientId && user.IsServiceAccount()
            ? clientId
            : user.FindFirstValue("sub") ?? throw new InvalidOperationException("An authenticated caller has no subject.");

    /// <summary>Keycloak names a client's service-account user `service-account-{clientId}`.</summary>
    public static bool IsServiceAccount(this ClaimsPrincipal user) =>
        user.FindFirstValue("preferred_username")?.StartsWith("service-account-", StringComparison.Ordinal) == true;
}
