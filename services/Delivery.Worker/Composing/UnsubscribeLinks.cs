using Microsoft.Extensions.Options;
using NotificationAspire.Contracts.Recipients;

namespace Delivery.Worker.Composing;

/// <summary>Signs the one-click unsubscribe link for a person, category and channel (verified by `preferences-api`).</summary>
public sealed class UnsubscribeLinks(IOptions<UnsubscribeOptions> options, TimeProvider time)
{
    private readonly byte[] key = UnsubscribeToken.ParseKey(options.Value.SigningKey);

    public Uri For(string userId, string category, string channel)
    {
        var token = new UnsubscribeToken(userId, category, channel, time.GetUtcNow() + options.Value.LinkLifetime).Sign(key);
        return new Uri(options.Value.PublicBaseUrl!, $"/api/unsubscribe/{token}");
    }
}
