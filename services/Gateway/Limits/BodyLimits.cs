using NotificationAspire.Contracts;
using NotificationAspire.Contracts.Recipients;

namespace Gateway.Limits;

/// <summary>The body limit of each route: the platform's one number, except where an API takes more on purpose (and says so in Contracts).</summary>
internal static class BodyLimits
{
    private static readonly (PathString Path, int Bytes)[] Larger =
    [
        ("/api/recipients/bulk", RecipientLimits.MaxBulkBodyBytes),
    ];

    public static int For(HttpRequest request)
    {
        // `/api/topics/{key}/subscribers`: ten thousand people per call.
        if (request.Path.StartsWithSegments("/api/topics", StringComparison.OrdinalIgnoreCase)
            && request.Path.Value!.EndsWith("/subscribers", StringComparison.OrdinalIgnoreCase))
        {
            return TopicLimits.MaxSubscribersBodyBytes;
        }
        foreach (var (path, bytes) in Larger)
        {
            if (request.Path.Equals(path, StringComparison.OrdinalIgnoreCase))
            {
                return bytes;
            }
        }
        return RequestLimits.MaxBodyBytes;
    }
}
