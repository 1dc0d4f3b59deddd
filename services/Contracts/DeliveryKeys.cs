using System.Security.Cryptography;
using System.Text;

namespace NotificationAspire.Contracts;

/// <summary>
/// Names one delivery: the same notification, recipient and channel always give the same key. A contract, not a
/// detail of the worker: the worker's delivery rows, its dispatch records and dead letters, and the tests all
/// agree on this key.
/// </summary>
public static class DeliveryKeys
{
    private const string DigestPrefix = "digest:";

    public static string For(Guid notificationId, string recipientUserId, string channel) =>
        $"{notificationId:N}:{recipientUserId}:{channel}";

    /// <summary>
    /// The one digest of a person's window on a channel: the same window (opened at <paramref name="opensAt"/>) always
    /// gives the same key, so a digest released twice (a worker killed between publishing it and recording that)
    /// is one delivery. Hashed, because user ids and digest keys may both hold the separator.
    /// </summary>
    public static string ForDigest(string recipientUserId, string channel, string digestKey, DateTimeOffset opensAt)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{recipientUserId}\n{channel}\n{digestKey}\n{opensAt.ToUnixTimeMilliseconds()}"));
        return $"{DigestPrefix}{Convert.ToHexStringLower(hash.AsSpan(0, 16))}";
    }

    /// <summary>Whether a key names a digest (an ordinary key starts with a notification id's 32 hex digits).</summary>
    public static bool IsDigest(string deliveryKey) => deliveryKey.StartsWith(DigestPrefix, StringComparison.Ordinal);

    /// <summary>The notification id a digest's records and dead letters carry: one of its own, derived from its key, that no sender can cancel.</summary>
    public static Guid DigestNotificationId(string digestDeliveryKey) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes(digestDeliveryKey)).AsSpan(0, 16));
}
