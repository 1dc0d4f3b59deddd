using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Every endpoint names its authorization policy, or says it is anonymous, or the service does not start. The fallback
/// policy would still deny an unnamed endpoint to anonymous callers, but grant it to every signed-in one: a new endpoint
/// must be a decision (and a row in docs/security.md), never that default.
/// </summary>
public sealed class EndpointPolicyCheck(IServiceProvider services) : IHostedLifecycleService
{
    /// <summary>"METHOD /route" of each endpoint that names no policy and does not allow anonymous callers.</summary>
    public static IReadOnlyList<string> Unnamed(IEnumerable<Endpoint> endpoints) =>
        endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null
                        && !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(d => !string.IsNullOrEmpty(d.Policy)))
            .Select(e => $"{string.Join(",", e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])} {e.RoutePattern.RawText}")
            .ToList();

    // After the server started: only building the request pipeline hands the app's endpoints to the routing data source
    // (UseEndpoints), so earlier there is nothing to see. Throwing here fails the host's start, before any probe passes.
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        // A worker has no endpoints to check.
        if (services.GetService<EndpointDataSource>() is { } source && Unnamed(source.Endpoints) is { Count: > 0 } unnamed)
        {
            throw new InvalidOperationException(
                $"Endpoints without an authorization policy: {string.Join("; ", unnamed)}. Name one with RequireAuthorization(PlatformPolicies.X).");
        }
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
