using Gateway.Correlation;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Gateway.Extensions;

/// <summary>
/// Errors the gateway itself produces are RFC 7807 problem details (the status code pages write them for
/// empty 4xx/5xx responses), carrying the correlation id so a caller can quote it.
/// </summary>
public static class EdgeProblemDetailsExtensions
{
    public static IHostApplicationBuilder AddEdgeProblemDetails(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<ProblemDetailsOptions>(options => options.CustomizeProblemDetails = Describe);
        return builder;
    }

    private static void Describe(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        if (http.GetCorrelationId() is { } correlationId)
        {
            context.ProblemDetails.Extensions["correlationId"] = correlationId;
        }
        // YARP answers 502/503/504 with an empty body when the API is down or slow; say which API, not why:
        // the exception stays in the gateway's logs.
        if (http.Features.Get<IForwarderErrorFeature>() is { } error)
        {
            var api = http.Features.Get<IReverseProxyFeature>()?.Route.Config.ClusterId ?? "The upstream API";
            context.ProblemDetails.Detail = error.Error switch
            {
                ForwarderError.RequestTimedOut => $"{api} did not answer in time.",
                ForwarderError.NoAvailableDestinations => $"{api} has no available instance.",
                _ => $"{api} could not be reached.",
            };
        }
    }
}
