using System.Buffers;
using Microsoft.Extensions.Primitives;

namespace Gateway.Correlation;

/// <summary>
/// The id that ties one caller's request to everything it causes on the platform. Callers may bring their
/// own; the gateway keeps it only if it is short and plain enough to log and forward as it is.
/// </summary>
public static class CorrelationId
{
    public const string HeaderName = "X-Correlation-Id";
    public const int MaxLength = 128;

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-");

    /// <summary>The caller's id when it is exactly one valid value, otherwise a new one.</summary>
    public static string FromHeader(StringValues header) =>
        header is [{ } value] && IsValid(value) ? value : New();

    public static bool IsValid(string value) =>
        value.Length is > 0 and <= MaxLength && !value.AsSpan().ContainsAnyExcept(Allowed);

    public static string New() => Guid.NewGuid().ToString("N");

    public static string? GetCorrelationId(this HttpContext context) =>
        context.Items.TryGetValue(typeof(CorrelationId), out var id) ? id as string : null;

    internal static void SetCorrelationId(this HttpContext context, string id) => context.Items[typeof(CorrelationId)] = id;
}
