using System.Net;
using System.Net.Sockets;

namespace NotificationAspire.Webhooks;

/// <summary>
/// Refuses webhook targets inside the platform's own networks, checked when the connection is made (a
/// `SocketsHttpHandler.ConnectCallback`), not only when the URL is registered: a name that resolved to a public
/// address yesterday can resolve to 169.254.169.254 today (DNS rebinding). Every address the name resolves to is
/// vetted, and the socket connects to a vetted address, never to the name again. Allow-listed networks (the
/// local test receiver on loopback) pass.
/// </summary>
public sealed class SsrfGuard(IReadOnlyList<IPNetwork> allowed)
{
    private static readonly IPNetwork[] Forbidden =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.0.0.0/24"), IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"), IPNetwork.Parse("224.0.0.0/4"), IPNetwork.Parse("240.0.0.0/4"),
        IPNetwork.Parse("::/128"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("ff00::/8"),
    ];

    /// <summary>Why <paramref name="address"/> may not be called, or null when it may.</summary>
    public string? RefusalFor(IPAddress address)
    {
        // ::ffff:127.0.0.1 is 127.0.0.1 to the network stack.
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        if (allowed.Any(n => n.Contains(plain)))
        {
            return null;
        }
        foreach (var range in Forbidden)
        {
            if (range.Contains(plain))
            {
                return $"{plain} is in {range}, a loopback, private, link-local, shared or reserved range";
            }
        }
        return null;
    }

    /// <summary>For <see cref="SocketsHttpHandler.ConnectCallback"/>: resolve, vet every address, connect to the first that passes.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var refusals = addresses.Select(RefusalFor).ToList();
        if (addresses.Length == 0 || refusals.Any(r => r is not null))
        {
            // One bad address refuses the name: a round-robin answer mixing public and internal ones is an attack.
            throw new WebhookTargetRefusedException(host, refusals.FirstOrDefault(r => r is not null) ?? "the name resolves to no address");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>The target resolves into a network webhooks may not reach; refused before any connection is made.</summary>
public sealed class WebhookTargetRefusedException(string host, string reason)
    : Exception($"Webhook target '{host}' refused: {reason}.");
