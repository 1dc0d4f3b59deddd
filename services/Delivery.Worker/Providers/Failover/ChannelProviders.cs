using Microsoft.Extensions.Options;

namespace Delivery.Worker.Providers.Failover;

/// <summary>
/// Each channel's <see cref="ProviderFailover"/>, built once from the registered (protected) providers and the
/// configured order. Built at startup through <see cref="Validate"/>, so an order naming a provider that does
/// not exist stops the worker with the key to fix.
/// </summary>
public sealed class ChannelProviders
{
    private readonly Dictionary<string, ProviderFailover> byChannel;

    public ChannelProviders(IEnumerable<IChannelProvider> providers, IOptions<ChannelProviderOptions> options)
    {
        var problems = new List<string>();
        byChannel = Build(providers.ToList(), options.Value, problems);
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(ChannelProviderOptions.SectionName, typeof(ChannelProviderOptions), problems);
        }
    }

    /// <summary>Every channel's providers in order.</summary>
    public IReadOnlyCollection<ProviderFailover> All => byChannel.Values;

    /// <summary>The channel's providers in order, or null when nothing delivers on it.</summary>
    public IChannelProvider? For(string channel) => byChannel.GetValueOrDefault(channel);

    /// <summary>What is wrong with the configured order, phrased with its configuration keys.</summary>
    public static IReadOnlyList<string> Validate(IEnumerable<IChannelProvider> providers, ChannelProviderOptions options)
    {
        var problems = new List<string>();
        Build(providers.ToList(), options, problems);
        return problems;
    }

    private static Dictionary<string, ProviderFailover> Build(List<IChannelProvider> providers, ChannelProviderOptions options, List<string> problems)
    {
        var chains = new Dictionary<string, ProviderFailover>(StringComparer.Ordinal);
        foreach (var channel in providers.Select(p => p.Channel).Distinct(StringComparer.Ordinal))
        {
            var registered = providers.Where(p => p.Channel == channel).ToList();
            var order = options.Channels.FirstOrDefault(c => string.Equals(c.Key, channel, StringComparison.OrdinalIgnoreCase)).Value?.Providers;
            if (order is not { Count: > 0 })
            {
                chains[channel] = new ProviderFailover(channel, registered);
                continue;
            }
            var ordered = new List<IChannelProvider>();
            foreach (var name in order.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (registered.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) is { } provider)
                {
                    ordered.Add(provider);
                }
                else
                {
                    problems.Add($"{ChannelProviderOptions.SectionName}:{channel}:Providers names '{name}', which is no {channel} provider (there are: {string.Join(", ", registered.Select(p => p.Name))}).");
                }
            }
            chains[channel] = new ProviderFailover(channel, ordered);
        }
        foreach (var configured in options.Channels.Keys.Where(k => !chains.ContainsKey(k.ToLowerInvariant())))
        {
            problems.Add($"{ChannelProviderOptions.SectionName}:{configured} names a channel no provider delivers on.");
        }
        return chains;
    }
}
