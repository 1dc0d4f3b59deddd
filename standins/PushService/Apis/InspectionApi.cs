using NotificationAspire.Standins.PushService.Push;

namespace NotificationAspire.Standins.PushService.Apis;

/// <summary>
/// What tests and developers ask the stand-in: the pushes received (`GET /api/messages?subscription=`, bodies
/// still encrypted), and a browser unsubscribing (`PUT /api/subscriptions/{subscription}/gone`: pushes to it then
/// answer 410).
/// </summary>
public static class InspectionApi
{
    public static IEndpointRouteBuilder MapInspectionApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/messages", (string? subscription, ReceivedPushes received) =>
            Results.Ok(received.All().Where(m => subscription is null || m.Subscription == subscription)));
        app.MapDelete("/api/messages", (ReceivedPushes received) =>
        {
            received.Clear();
            return Results.NoContent();
        });
        app.MapPut("/api/subscriptions/{subscription}/gone", (string subscription, GoneSubscriptions gone) =>
        {
            gone.MarkGone(subscription);
            return Results.NoContent();
        });
        return app;
    }
}
