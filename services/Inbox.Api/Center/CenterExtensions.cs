using Microsoft.Extensions.Http.Resilience;
using NotificationAspire.Contracts;
using Polly;

namespace Inbox.Api.Center;

public static class CenterExtensions
{
    /// <summary>How long the center waits for preferences-api before answering without its part.</summary>
    public static readonly TimeSpan PreferencesTimeout = TimeSpan.FromSeconds(1.5);

    /// <summary>
    /// The composite's HTTP dependency: not the standard handler every client gets (its retries and 30 s total would
    /// make a person's page wait on a service that is down), but one try with a short timeout, and a breaker that stops
    /// asking a failing service for a while, so a page during an outage costs nothing extra.
    /// </summary>
    public static IHostApplicationBuilder AddNotificationCenter(this IHostApplicationBuilder builder)
    {
        var client = builder.Services.AddHttpClient<PreferencesClient>(http => http.BaseAddress = new Uri($"https+http://{ResourceNames.PreferencesApi}"));
#pragma warning disable EXTEXP0001 // removing the defaults is the documented way, marked experimental
        client.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        client.AddResilienceHandler("preferences", pipeline => pipeline
            .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = TimeSpan.FromSeconds(15),
            })
            .AddTimeout(PreferencesTimeout));
        builder.Services.AddScoped<NotificationCenter>();
        return builder;
    }
}
