using NotificationAspire.Contracts;

namespace Delivery.Worker.Providers.StateReports;

public static class ProviderStateReportingExtensions
{
    /// <summary>Reports of each provider's breaker to <see cref="KafkaTopics.ProviderStates"/> (`Delivery:ProviderState`, checked at startup).</summary>
    public static IHostApplicationBuilder AddProviderStateReports(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.AddOptions<ProviderStateOptions>()
            .BindConfiguration(ProviderStateOptions.SectionName)
            .PostConfigure(o => o.ReplicaId = ReplicaIdentity.Resolve(o.ReplicaId, configuration["OTEL_RESOURCE_ATTRIBUTES"],
                configuration["KUBERNETES_SERVICE_HOST"] is null ? null : configuration["HOSTNAME"],
                ResourceNames.DeliveryWorker))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHostedService<ProviderStateReporter>();
        return builder;
    }
}
