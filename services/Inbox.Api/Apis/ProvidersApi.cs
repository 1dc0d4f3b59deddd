using Inbox.Api.Providers;
using NotificationAspire.Contracts;

namespace Inbox.Api.Apis;

/// <summary>Each channel's providers and every delivery-worker replica's breaker for them, for operators and support.</summary>
public static class ProvidersApi
{
    public static IEndpointRouteBuilder MapProvidersApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/providers", ProviderEndpoints.GetAsync).WithTags("Providers").RequireAuthorization(PlatformPolicies.OperationsReader);
        return app;
    }
}
