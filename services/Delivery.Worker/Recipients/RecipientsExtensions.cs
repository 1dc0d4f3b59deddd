using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using NotificationAspire.Contracts;

namespace Delivery.Worker.Recipients;

public static class RecipientsExtensions
{
    /// <summary>
    /// `preferences-api` behind a circuit breaker and a timeout, with the worker's own token. The breaker is
    /// Polly's (the HTTP client's resilience pipeline, as for any HTTP dependency) rather than the channel
    /// providers' own, which answers with a time to come back instead of an exception.
    /// </summary>
    public static IHostApplicationBuilder AddRecipientDirectory(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PreferencesOptions>().BindConfiguration(PreferencesOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<PreferencesCircuit>();
        builder.Services.AddSingleton<RememberedProfiles>();
        builder.Services.AddScoped<RecipientDirectory>();

        var client = builder.Services.AddHttpClient<PreferencesClient>(http => http.BaseAddress = new Uri($"https+http://{ResourceNames.PreferencesApi}"));
        // Not the standard handler every client gets: its retries (and 30 s total) would hold the partition far
        // longer than the cache needs to step in. (Removing the defaults is the documented way, marked experimental.)
#pragma warning disable EXTEXP0001
        client.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        // Before the token handler, so the timeout and the breaker cover getting the token too.
        client.AddResilienceHandler("preferences", (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<PreferencesOptions>>().Value;
            pipeline
                .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = 0.5,
                    MinimumThroughput = 4,
                    SamplingDuration = TimeSpan.FromSeconds(10),
                    BreakDuration = options.BreakDuration,
                    StateProvider = context.ServiceProvider.GetRequiredService<PreferencesCircuit>().StateProvider,
                })
                .AddTimeout(options.Timeout);
        });
        client.AddClientCredentialsToken();
        return builder;
    }
}
