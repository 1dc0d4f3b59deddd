using Delivery.Worker.Recipients;
using Lib.Net.Http.WebPush;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Delivery.Worker.Providers.Push;

public static class WebPushExtensions
{
    /// <summary>
    /// The web push provider, registered only when the VAPID key pair is configured (the AppHost's secret
    /// parameters). Its HTTP client has none of the standard retries: a retried POST could show a notification twice.
    /// </summary>
    public static IHostApplicationBuilder AddWebPush(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(WebPushOptions.SectionName);
        builder.Services.AddOptions<WebPushOptions>().Bind(section)
            .Validate(o => !o.IsConfigured || VapidKeyPair.Problem(o) is null, "WebPush:PublicKey and WebPush:PrivateKey must be one P-256 key pair, base64url (65 and 32 bytes).")
            .Validate(o => o.Categories.Values.All(c => c.Urgency is null or "very-low" or "low" or "normal" or "high"), "WebPush:Categories:*:Urgency is one of very-low, low, normal, high.")
            .ValidateOnStart();
        if (section.Get<WebPushOptions>() is not { IsConfigured: true })
        {
            return builder;
        }
        var http = builder.Services.AddHttpClient(WebPushProvider.ProviderName, (services, client) =>
            client.Timeout = services.GetRequiredService<IOptions<WebPushOptions>>().Value.Timeout);
#pragma warning disable EXTEXP0001 // removing the defaults is the documented way, marked experimental
        http.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.Services.AddSingleton(services => new PushServiceClient(
            services.GetRequiredService<IHttpClientFactory>().CreateClient(WebPushProvider.ProviderName))
        {
            // A 429 is waited out once (Retry-After); a push service that keeps refusing fails the attempt instead.
            MaxRetriesAfter = 1,
        });
        builder.Services.TryAddSingleton<IGoneContacts, PreferencesGoneContacts>();
        builder.Services.AddSingleton<IChannelProvider, WebPushProvider>();
        return builder;
    }
}
