using System.Security.Claims;
using NotificationAspire.Contracts;

namespace Inbox.Api.People;

/// <summary>Who may read a notification's timeline: the sender it was recorded under, an operator or support.</summary>
public static class Sender
{
    /// <summary>
    /// The caller as notifications-api records senders (its `CallerIdentity.SenderId`, carried in
    /// `NotificationRequested.SenderId`): a service account by its client id, anyone else by subject.
    /// </summary>
    public static string? IdOf(ClaimsPrincipal user) =>
        user.FindFirstValue("azp") is { Length: > 0 } clientId && user.FindFirstValue("preferred_username")?.StartsWith("service-account-", StringComparison.Ordinal) == true
            ? clientId
            : user.FindFirstValue("sub");

    public static bool MayRead(ClaimsPrincipal user, string senderId) =>
        user.IsInRole(PlatformRoles.Admin) || user.IsInRole(PlatformRoles.Support) || string.Equals(IdOf(user), senderId, StringComparison.Ordinal);
}
