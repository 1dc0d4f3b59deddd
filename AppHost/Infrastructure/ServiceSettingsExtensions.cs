using Microsoft.Extensions.Configuration;

namespace NotificationAspire.AppHost.Infrastructure;

/// <summary>
/// Lets whoever runs the AppHost tune one service without editing it: every key under
/// `ServiceSettings:{resource}` (say `ServiceSettings:delivery-worker:Delivery:Retry:MaxAttempts`) reaches that
/// service as configuration. The tests use it for short retry delays; operators for local experiments.
/// </summary>
public static class ServiceSettingsExtensions
{
    public static IResourceBuilder<ProjectResource> WithServiceSettings(this IResourceBuilder<ProjectResource> service)
    {
        var section = service.ApplicationBuilder.Configuration.GetSection($"ServiceSettings:{service.Resource.Name}");
        foreach (var (key, value) in section.AsEnumerable(makePathsRelative: true).Where(kv => kv.Value is not null))
        {
            service.WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), value);
        }
        return service;
    }
}
