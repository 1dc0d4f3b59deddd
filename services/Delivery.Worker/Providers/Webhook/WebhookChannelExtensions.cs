using Delivery.Worker.Recipients;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NotificationAspire.Webhooks;

namespace Delivery.Worker.Providers.Webhook;

public static class WebhookChannelExtensions
{
    /// <summary>
    /// The `webhook` channel: options checked on start, and a sender whose client connects only through the SSRF
    /// guard, follows no redirects and has none of the standard retries (the worker's retry tiers retry, with the
    /// same `webhook-id`).
    /// </summary>
    public static IHostApplicationBuilder AddWebhookChannel(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebhookChannelOptions>().BindConfiguration(WebhookChannelOptions.SectionName)
            .Validate(o => o.AllowedNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _)),
                $"{WebhookChannelOptions.SectionName}:AllowedNetworks lists networks in CIDR notation (127.0.0.2/32).")
            .Validate(o => o.Timeout > TimeSpan.Zero && o.Timeout <= TimeSpan.FromMinutes(1), $"{WebhookChannelOptions.SectionName}:Timeout is between 0 and 1 minute.")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<WebhookChannelOptions>>().Value;
            return new WebhookSender(WebhookSender.CreateClient(new SsrfGuard(options.AllowedNetworkList()), options.Timeout),
                sp.GetRequiredService<TimeProvider>());
        });
        builder.Services.TryAddSingleton<IGoneContacts, PreferencesGoneContacts>();
        builder.Services.AddSingleton<IChannelProvider, WebhookChannelProvider>();
        return builder;
    }
}
