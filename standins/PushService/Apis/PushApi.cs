using Microsoft.Extensions.Options;
using NotificationAspire.Standins.PushService.Push;

namespace NotificationAspire.Standins.PushService.Apis;

/// <summary>
/// RFC 8030 §5: `POST /push/{subscription}` with an aes128gcm body (RFC 8291), a `TTL`, optionally `Urgency` and
/// `Topic`, and VAPID credentials (RFC 8292). 201 with a Location for the message; 410 for a subscription that
/// is gone; 400, 401, 403 or 413 for what a real push service refuses.
/// </summary>
public static class PushApi
{
    /// <summary>RFC 8030 §7.2 lets a push service refuse more; 4096 bytes is what browsers' services accept.</summary>
    private const int MaxBodyBytes = 4096;

    private static readonly string[] Urgencies = ["very-low", "low", "normal", "high"];

    public static IEndpointRouteBuilder MapPushApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/push/{subscription}", ReceiveAsync);
        return app;
    }

    private static async Task<IResult> ReceiveAsync(string subscription, HttpRequest request, ReceivedPushes received, GoneSubscriptions gone,
        IOptions<PushServiceOptions> options, TimeProvider time)
    {
        if (gone.IsGone(subscription))
        {
            return Results.Problem(statusCode: StatusCodes.Status410Gone, title: "Subscription gone", detail: "The browser unsubscribed; remove this subscription.");
        }
        if (VapidCheck.Problem(request.Headers.Authorization, VapidCheck.AudiencesOf(request), options.Value.ApplicationServerKey, time.GetUtcNow(), out var subject) is { } vapid)
        {
            var status = vapid.StartsWith("k is not the application", StringComparison.Ordinal) ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
            return Results.Problem(statusCode: status, title: "VAPID check failed", detail: vapid);
        }
        if (!int.TryParse(request.Headers["TTL"], out var ttl) || ttl < 0)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "TTL required", detail: "RFC 8030 §5.2: a TTL header of seconds is required.");
        }
        var urgency = request.Headers["Urgency"].ToString() is { Length: > 0 } u ? u : "normal";
        if (!Urgencies.Contains(urgency))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad Urgency", detail: "Urgency is very-low, low, normal or high (RFC 8030 §5.3).");
        }
        if (request.Headers.ContentEncoding.ToString() != "aes128gcm")
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Content-Encoding", detail: "The payload must be encrypted as aes128gcm (RFC 8291).");
        }
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        if (buffer.Length > MaxBodyBytes)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large", detail: $"At most {MaxBodyBytes} bytes.");
        }
        var id = Guid.NewGuid().ToString("N");
        received.Add(new ReceivedPush(id, subscription, ttl, urgency, request.Headers["Topic"].ToString() is { Length: > 0 } t ? t : null,
            "aes128gcm", subject, Convert.ToBase64String(buffer.ToArray()), time.GetUtcNow()));
        return Results.Created($"/messages/{id}", null);
    }
}
