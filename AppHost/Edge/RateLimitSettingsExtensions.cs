using Microsoft.Extensions.Configuration;

namespace NotificationAspire.AppHost.Edge;

/// <summary>
/// Hands the AppHost's "RateLimiting" settings to the gateway, so budgets can be changed where the platform is started
/// (`dotnet run --project AppHost -- --RateLimiting:Authenticated:TokenLimit=5000`, or a test fixture's arguments)
/// without editing the gateway. Nothing set means the gateway's own defaults.
/// </summary>
public static class RateLimitSettingsExtensions
{
    public const string Section = "RateLimiting";

    public static IResourceBuilder<ProjectResource> WithRateLimitSettings(this IResourceBuilder<ProjectResource> gateway, IConfiguration configuration)
    {
        foreach (var (key, value) in configuration.GetSection(Section).AsEnumerable())
        {
            if (value is not null)
            {
                gateway.WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), value);
            }
        }
        return gateway;
    }
}
