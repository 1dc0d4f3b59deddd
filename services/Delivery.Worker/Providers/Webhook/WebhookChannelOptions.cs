using System.Net;

namespace Delivery.Worker.Providers.Webhook;

/// <summary>`Webhooks`: where the `webhook` channel may connect and how long one call may take.</summary>
public sealed class WebhookChannelOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>Networks (CIDR) the SSRF guard lets through although internal. Empty in every shipped configuration; the tests allow-list their receiver.</summary>
    public string[] AllowedNetworks { get; set; } = [];

    /// <summary>
    /// One call's limit (the spec suggests 15 to 30 s). A person's endpoints are called at once, so this bounds
    /// the whole send, which must end well within `Delivery:Retry:SendingLease`.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    public IReadOnlyList<IPNetwork> AllowedNetworkList() => [.. AllowedNetworks.Select(n => IPNetwork.Parse(n))];
}
