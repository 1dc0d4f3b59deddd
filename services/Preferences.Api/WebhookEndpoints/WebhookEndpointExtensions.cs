using Microsoft.Extensions.Options;
using NotificationAspire.Webhooks;

namespace Preferences.Api.WebhookEndpoints;

public static class WebhookEndpointExtensions
{
    /// <summary>The `webhook` channel's endpoints: the target settings checked on start, the guard that vets address literals, the store.</summary>
    public static IHostApplicationBuilder AddWebhookEndpoints(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebhookTargetOptions>().BindConfiguration(WebhookTargetOptions.Section)
            .Validate(o => !o.Problems().Any(), $"{WebhookTargetOptions.Section}:AllowedNetworks lists networks in CIDR notation (127.0.0.2/32).")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<WebhookTargetOptions>>().Value);
        builder.Services.AddSingleton(sp => new SsrfGuard(sp.GetRequiredService<WebhookTargetOptions>().AllowedNetworkList()));
        builder.Services.AddScoped<WebhookEndpointStore>();
        return builder;
    }
}
