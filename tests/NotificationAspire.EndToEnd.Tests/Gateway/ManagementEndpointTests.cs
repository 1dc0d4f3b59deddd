using Microsoft.Extensions.DependencyInjection;
using System.Net;

namespace NotificationAspire.EndToEnd.Tests.Gateway;

/// <summary>
/// The gateway is the one service outside callers reach: its readiness details and metrics are served on its
/// management endpoint (for the orchestrator and the scraper), never on the public one.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ManagementEndpointTests(PlatformFixture platform)
{
    [Theory]
    [InlineData("/health")]
    [InlineData("/metrics")]
    public async Task Readiness_and_metrics_are_not_found_on_the_public_endpoint_but_served_on_the_management_one(string path)
    {
        using var outside = platform.CreateHttpClient(Contracts.ResourceNames.Gateway);
        using var inside = platform.CreateHttpClient(Contracts.ResourceNames.Gateway, Contracts.ManagementEndpoint.Name);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        // Naming the management port in the Host header changes nothing: the socket's port decides.
        request.Headers.Host = inside.BaseAddress!.Authority;

        using var fromOutside = await outside.SendAsync(request);
        using var fromInside = await inside.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, fromOutside.StatusCode);
        Assert.Equal("application/problem+json", fromOutside.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, fromInside.StatusCode);
    }

    [Fact]
    public async Task Liveness_stays_on_the_public_endpoint_for_the_orchestrator()
    {
        using var outside = platform.CreateHttpClient(Contracts.ResourceNames.Gateway);
        using var alive = await outside.GetAsync("/alive");

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Fact]
    public async Task The_management_endpoint_is_not_external()
    {
        var model = platform.App.Services.GetRequiredService<DistributedApplicationModel>();
        var gateway = model.Resources.OfType<ProjectResource>().Single(r => r.Name == Contracts.ResourceNames.Gateway);
        var endpoints = gateway.Annotations.OfType<EndpointAnnotation>().ToDictionary(e => e.Name, e => e.IsExternal);

        Assert.True(endpoints["http"]);
        Assert.False(endpoints[Contracts.ManagementEndpoint.Name]);
    }
}
