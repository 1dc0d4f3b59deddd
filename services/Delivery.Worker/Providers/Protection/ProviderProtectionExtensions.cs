using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Delivery.Worker.Providers.Protection;

public static class ProviderProtectionExtensions
{
    /// <summary>
    /// Wraps every <see cref="IChannelProvider"/> registered so far in its channel's circuit breaker and rate
    /// limits (`Delivery:Protection`, checked at startup). Call it after the providers are registered; calling
    /// it again wraps only providers added since.
    /// </summary>
    public static IServiceCollection AddProviderProtection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProviderProtectionOptions>()
            .Bind(configuration.GetSection(ProviderProtectionOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProviderProtectionOptions>, ProviderProtectionOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ProtectionMetrics>();
        services.TryAddSingleton<ChannelGuards>();
        services.TryAddSingleton<BreakerTransitions>();

        for (var i = 0; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType == typeof(IChannelProvider) && !descriptor.IsKeyedService
                && descriptor.ImplementationFactory?.Target is not Decoration)
            {
                services[i] = ServiceDescriptor.Describe(typeof(IChannelProvider), new Decoration(descriptor).Create, descriptor.Lifetime);
            }
        }
        return services;
    }

    /// <summary>Builds the original provider as its registration would have, then wraps it.</summary>
    private sealed class Decoration(ServiceDescriptor original)
    {
        public object Create(IServiceProvider services)
        {
            var inner = (IChannelProvider)(original.ImplementationInstance
                ?? original.ImplementationFactory?.Invoke(services)
                ?? ActivatorUtilities.CreateInstance(services, original.ImplementationType!));
            return new ProtectedChannelProvider(
                inner,
                services.GetRequiredService<ChannelGuards>(),
                services.GetRequiredService<TimeProvider>(),
                services.GetRequiredService<ProtectionMetrics>());
        }
    }
}
