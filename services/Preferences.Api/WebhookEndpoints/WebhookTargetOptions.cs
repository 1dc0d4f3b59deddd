using System.Net;

namespace Preferences.Api.WebhookEndpoints;

/// <summary>
/// `Webhooks`: which targets a person's webhook endpoint may have. The worker's SSRF guard has the same settings
/// and checks every connection; these refuse an internal address literal or plain http already at registration.
/// </summary>
public sealed class WebhookTargetOptions
{
    public const string Section = "Webhooks";

    /// <summary>Networks (CIDR) allowed although internal. Empty in every shipped configuration; the tests allow-list their receiver.</summary>
    public string[] AllowedNetworks { get; set; } = [];

    /// <summary>Plain `http://` targets; off by default, so secrets and payloads travel over TLS.</summary>
    public bool AllowPlainHttp { get; set; }

    public IReadOnlyList<IPNetwork> AllowedNetworkList() => [.. AllowedNetworks.Select(n => IPNetwork.Parse(n))];

    public IEnumerable<string> Problems() => AllowedNetworks.Where(n => !IPNetwork.TryParse(n, out _))
        .Select(n => $"{Section}:AllowedNetworks: '{n}' is not a network in CIDR notation (127.0.0.2/32).");
}
