using Microsoft.Extensions.Options;
using NotificationAspire.Webhooks;

namespace Notifications.Api.Webhooks;

public static class WebhookExtensions
{
    /// <summary>Status webhooks: options checked on start, the SSRF-guarded sender, the fan-out and the dispatcher.</summary>
    public static IHostApplicationBuilder AddStatusWebhooks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>();
        builder.Services.AddSingleton(sp => new SsrfGuard(sp.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowedNetworkList()));
        builder.Services.AddSingleton(sp => new WebhookSender(
            WebhookSender.CreateClient(sp.GetRequiredService<SsrfGuard>(), sp.GetRequiredService<IOptions<WebhookOptions>>().Value.Timeout),
            sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<WebhookSignal>();
        builder.Services.AddScoped<StatusWebhooks>();
        builder.Services.AddHostedService<WebhookDispatcher>();
        return builder;
    }

    /// <summary>Names every wrong setting in the start-up failure.</summary>
    private sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
    {
        public ValidateOptionsResult Validate(string? name, WebhookOptions options) =>
            options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
