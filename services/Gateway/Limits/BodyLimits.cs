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
