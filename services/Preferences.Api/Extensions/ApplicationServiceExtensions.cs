using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NotificationAspire.Contracts;
using NotificationAspire.Persistence;
using Preferences.Api.Data;
using Preferences.Api.DeliveryProfiles;
using Preferences.Api.Preferences;
using Preferences.Api.PushSubscriptions;
using Preferences.Api.Recipients;
using Preferences.Api.Unsubscribe;
using Preferences.Api.WebhookEndpoints;

namespace Preferences.Api.Extensions;

public static class ApplicationServiceExtensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformDbContext<PreferencesDbContext>(ResourceNames.PreferencesDatabase);

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<RecipientDirectory>();
        builder.Services.AddScoped<PreferenceStore>();
        builder.Services.AddScoped<PushSubscriptionStore>();
        builder.Services.AddOptions<WebPushKeyOptions>().BindConfiguration(WebPushKeyOptions.SectionName);
        builder.AddWebhookEndpoints();
        builder.Services.AddOptions<UnsubscribeOptions>().BindConfiguration(UnsubscribeOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<UnsubscribeOptions>, UnsubscribeOptionsValidator>();
        builder.Services.AddSingleton<UnsubscribeLinks>();
        builder.Services.AddWarmUp("the delivery profile query", DeliveryProfileQuery.WarmUpAsync);
        return builder;
    }
}
