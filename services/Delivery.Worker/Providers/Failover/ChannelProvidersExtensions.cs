using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Delivery.Worker.Providers.Failover;

public static class ChannelProvidersExtensions
{
    /// <summary>
    /// Each channel's providers in the order `Delivery:Channels:{channel}:Providers` gives, checked at startup.
    /// Call it after the providers and their protection are registered.
    /// </summary>
    public static IServiceCollection AddChannelProviders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ChannelProviderOptions>()
            .Configure(o => configuration.GetSection(ChannelProviderOptions.SectionName).Bind(o.Channels))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChannelProviderOptions>, OrderValidator>());
        services.TryAddSingleton<ChannelProviders>();
        return services;
    }

    /// <summary>An order naming a provider that is not there stops the worker, instead of failing every send on the channel.</summary>
    private sealed class OrderValidator(IServiceProvider services) : IValidateOptions<ChannelProviderOptions>
    {
        public ValidateOptionsResult Validate(string? name, ChannelProviderOptions options)
        {
            var problems = ChannelProviders.Validate(services.GetServices<IChannelProvider>(), options);
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
