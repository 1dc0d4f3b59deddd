using System.Security.Claims;
using NotificationAspire.Contracts;

namespace Inbox.Api.People;

/// <summary>Who may read a notification's timeline: the sender it was recorded under, an operator or support.</summary>
public static class Sender
{
    public static bool MayRead(ClaimsPrincipal user, string senderId) =>
        user.IsInRole(PlatformRoles.Admin) || user.IsInRole(PlatformRoles.Support)
        || string.Equals(user.SenderIdOrNull(), senderId, StringComparison.Ordinal);
}
