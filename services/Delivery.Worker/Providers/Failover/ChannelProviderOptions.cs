namespace Delivery.Worker.Providers.Failover;

/// <summary>
/// `Delivery:Channels:{channel}:Providers`: the names of a channel's providers in the order they are tried.
/// A channel left out tries its providers in the order they were registered.
/// </summary>
public sealed class ChannelProviderOptions
{
    public const string SectionName = "Delivery:Channels";

    public Dictionary<string, ChannelProviderOrder> Channels { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

public sealed class ChannelProviderOrder
{
    public List<string> Providers { get; set; } = [];
}
