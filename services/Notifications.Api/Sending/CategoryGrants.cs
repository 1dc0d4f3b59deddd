using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NotificationAspire.Contracts;

namespace Notifications.Api.Sending;

/// <summary>
/// Which categories a caller may send: those the realm grants it as `notifications.send:{category}` roles, or any
/// for an operator (`notifications.admin`), who must be able to tell people anything in an incident. Checked when a
/// send is accepted, so a client that may tell people about orders cannot send them invoices or security alerts.
/// </summary>
public static class CategoryGrants
{
    public static bool Allows(ClaimsPrincipal user, string category) =>
        user.IsInRole(PlatformRoles.Admin) || user.IsInRole(PlatformRoles.SendCategory(category));

    /// <summary>403 naming the category and the caller, or null when the caller may send it.</summary>
    public static ProblemHttpResult? Refusal(ClaimsPrincipal user, string category)
    {
        if (Allows(user, category))
        {
            return null;
        }
        var caller = user.IsServiceAccount()
            ? $"client '{user.SenderId()}'"
            : $"user '{user.FindFirstValue("preferred_username") ?? user.SenderId()}'";
        return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
            title: "Category not granted",
            detail: $"Category '{category}' is not granted to {caller}. The realm grants a category with the role '{PlatformRoles.SendCategory(category)}'.",
            extensions: new Dictionary<string, object?> { ["field"] = "category", ["category"] = category });
    }
}
