using NotificationAspire.Standins.SmsCarrier.Carrier;

namespace NotificationAspire.Standins.SmsCarrier.Apis;

/// <summary>
/// What tests and developers ask the stand-in: the texts received (`GET /api/messages?to=`), and how each
/// provider behaves (`PUT /api/providers/{provider}` with `{"failWithStatus": 503, "delay": "00:00:05"}`;
/// `{}` makes it normal again).
/// </summary>
public static class InspectionApi
{
    public static IEndpointRouteBuilder MapInspectionApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/messages", (string? to, ReceivedMessages received) =>
            Results.Ok(received.All().Where(m => to is null || m.To == to)));
        app.MapDelete("/api/messages", (ReceivedMessages received) =>
        {
            received.Clear();
            return Results.NoContent();
        });
        app.MapGet("/api/providers/{provider}", (string provider, ProviderBehaviours behaviours) =>
            ProviderBehaviours.Known.Contains(provider) ? Results.Ok(behaviours.Of(provider)) : UnknownProvider(provider));
        app.MapPut("/api/providers/{provider}", (string provider, ProviderBehaviour behaviour, ProviderBehaviours behaviours) =>
        {
            if (!ProviderBehaviours.Known.Contains(provider))
            {
                return UnknownProvider(provider);
            }
            if (behaviour.FailWithStatus is { } status && status is < 400 or > 599)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["failWithStatus"] = ["An HTTP error status, 400 to 599."] });
            }
            if (behaviour.Delay is { } delay && (delay < TimeSpan.Zero || delay > TimeSpan.FromMinutes(5)))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["delay"] = ["Between 00:00:00 and 00:05:00."] });
            }
            behaviours.Set(provider, behaviour);
            return Results.Ok(behaviour);
        });
        return app;
    }

    private static IResult UnknownProvider(string provider) => Results.Problem(
        title: "Unknown provider", detail: $"'{provider}' is not served here; known: {string.Join(", ", ProviderBehaviours.Known)}.",
        statusCode: StatusCodes.Status404NotFound);
}
