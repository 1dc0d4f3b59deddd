using Microsoft.Extensions.Options;
using NotificationAspire.Contracts.Recipients;

namespace Delivery.Worker.Providers.Sms;

public static class SmsProviderExtensions
{
    /// <summary>
    /// Twilio, then Vonage (the default order; `Delivery:Channels:sms:Providers` changes it), each registered only
    /// when its credentials are configured. Their HTTP clients have none of the standard retries: a failing
    /// provider should hand over to the next at once, and a retried POST could send a text twice.
    /// </summary>
    public static IHostApplicationBuilder AddSmsProviders(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(SmsOptions.SectionName);
        builder.Services.AddOptions<SmsOptions>().Bind(section)
            .ValidateDataAnnotations()
            .Validate(o => PhoneNumbers.IsE164(o.From), $"{SmsOptions.SectionName}:From must be an E.164 number.")
            .ValidateOnStart();
        var configured = section.Get<SmsOptions>() ?? new SmsOptions();

        if (configured.Twilio.IsConfigured)
        {
            AddClient(builder, TwilioSmsProvider.ProviderName, o => o.Twilio.BaseUrl);
            builder.Services.AddSingleton<IChannelProvider, TwilioSmsProvider>();
        }
        if (configured.Vonage.IsConfigured)
        {
            AddClient(builder, VonageSmsProvider.ProviderName, o => o.Vonage.BaseUrl);
            builder.Services.AddSingleton<IChannelProvider, VonageSmsProvider>();
        }
        return builder;
    }

    private static void AddClient(IHostApplicationBuilder builder, string name, Func<SmsOptions, Uri> baseUrl)
    {
        var client = builder.Services.AddHttpClient(name, (services, http) =>
        {
            var options = services.GetRequiredService<IOptions<SmsOptions>>().Value;
            http.BaseAddress = baseUrl(options);
            http.Timeout = options.Timeout;
        });
#pragma warning disable EXTEXP0001 // removing the defaults is the documented way, marked experimental
        client.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
    }
}
