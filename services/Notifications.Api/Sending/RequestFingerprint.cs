using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Notifications.Api.Sending;

/// <summary>
/// A hash of what was asked, so a retry with the same Idempotency-Key can be told from a different request
/// that reuses the key. Computed from the parsed request, so whitespace and field order do not matter.
/// </summary>
public static class RequestFingerprint
{
    public static string Of(SendNotificationRequest request) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request))));
}
