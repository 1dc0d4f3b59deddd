using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using NotificationAspire.Contracts;
using Notifications.Api.Sending;

namespace Notifications.Api.Tests.Security;

/// <summary>A client sends only the categories the realm grants it; an operator sends any; the refusal says what and who.</summary>
public sealed class CategoryGrantTests
{
    [Fact]
    public void A_client_may_send_a_category_granted_to_it()
    {
        Assert.Null(CategoryGrants.Refusal(ServiceAccount("order-service", PlatformRoles.Send, "notifications.send:order-updates"), "order-updates"));
    }

    [Fact]
    public void A_category_granted_to_no_one_is_refused_with_the_category_and_the_client_named()
    {
        var refusal = CategoryGrants.Refusal(ServiceAccount("order-service", PlatformRoles.Send, "notifications.send:order-updates"), "billing");

        Assert.NotNull(refusal);
        Assert.Equal(StatusCodes.Status403Forbidden, refusal.StatusCode);
        Assert.Contains("'billing'", refusal.ProblemDetails.Detail);
        Assert.Contains("client 'order-service'", refusal.ProblemDetails.Detail);
        Assert.Equal("category", refusal.ProblemDetails.Extensions["field"]);
    }

    [Fact]
    public void The_send_role_alone_grants_no_category()
    {
        Assert.NotNull(CategoryGrants.Refusal(ServiceAccount("billing-service", PlatformRoles.Send), "general"));
    }

    [Fact]
    public void A_grant_is_for_its_exact_category_only()
    {
        Assert.False(CategoryGrants.Allows(ServiceAccount("x", "notifications.send:security"), "security-digest"));
        Assert.False(CategoryGrants.Allows(ServiceAccount("x", "notifications.send:"), "security"));
    }

    [Theory]
    [InlineData("security")]
    [InlineData("billing")]
    [InlineData("a-category-created-yesterday")]
    public void An_operator_may_send_any_category(string category)
    {
        Assert.Null(CategoryGrants.Refusal(Person("operator", PlatformRoles.Send, PlatformRoles.Admin), category));
    }

    [Fact]
    public void Support_may_not_send()
    {
        var refusal = CategoryGrants.Refusal(Person("support", PlatformRoles.Support), "general");

        Assert.NotNull(refusal);
        Assert.Contains("user 'support'", refusal.ProblemDetails.Detail);
    }

    private static ClaimsPrincipal ServiceAccount(string clientId, params string[] roles) =>
        Principal(clientId, $"service-account-{clientId}", roles);

    private static ClaimsPrincipal Person(string username, params string[] roles) => Principal("gateway", username, roles);

    private static ClaimsPrincipal Principal(string azp, string username, string[] roles) => new(new ClaimsIdentity(
        [new Claim("azp", azp), new Claim("sub", Guid.NewGuid().ToString()), new Claim("preferred_username", username),
         .. roles.Select(r => new Claim("role", r))],
        "test", "preferred_username", "role"));
}
