using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;
using NotificationAspire.Contracts;

namespace Notifications.Api.Tests.Security;

/// <summary>A service with an endpoint that names no authorization policy refuses to start, and says which.</summary>
public sealed class EndpointPolicyCheckTests
{
    [Fact]
    public async Task An_endpoint_without_a_policy_stops_the_service_from_starting()
    {
        await using var app = App(a =>
        {
            a.MapGet("/named", () => "ok").RequireAuthorization(PlatformPolicies.Authenticated);
            a.MapPost("/forgotten", () => "ok");
        });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());

        Assert.Contains("POST /forgotten", error.Message);
        Assert.DoesNotContain("/named", error.Message);
    }

    [Fact]
    public async Task Named_policies_and_explicitly_anonymous_endpoints_start()
    {
        await using var app = App(a =>
        {
            a.MapGet("/named", () => "ok").RequireAuthorization(PlatformPolicies.Admin);
            a.MapGroup("/group").RequireAuthorization(PlatformPolicies.Sender).MapGet("/inherited", () => "ok");
            a.MapGet("/open", () => "ok").AllowAnonymous();
        });

        await app.StartAsync();
        await app.StopAsync();
    }

    [Fact]
    public void A_bare_RequireAuthorization_is_not_a_named_policy()
    {
        using var app = App(a => a.MapGet("/bare", () => "ok").RequireAuthorization());

        Assert.Equal(["GET /bare"], EndpointPolicyCheck.Unnamed(((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints)));
    }

    private static WebApplication App(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration["Identity:Authority"] = "http://identity.test/realms/notifications";
        builder.Configuration["Identity:Audience"] = IdentityRealm.ApiAudience;
        builder.AddDefaultAuthentication();
        var app = builder.Build();
        map(app);
        return app;
    }
}
