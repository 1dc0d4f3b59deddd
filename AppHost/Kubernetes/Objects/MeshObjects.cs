using System.Globalization;
using NotificationAspire.AppHost.Kubernetes.Model;

namespace NotificationAspire.AppHost.Kubernetes.Objects;

/// <summary>
/// Istio's view of each HTTP service: a VirtualService with a timeout and a retry policy per kind of route, a
/// DestinationRule whose outlier detection is the mesh's circuit breaker, and stable/canary subsets.
/// </summary>
public static class MeshObjects
{
    /// <summary>
    /// The header that makes a POST safe to repeat (IETF draft "The Idempotency-Key HTTP Header Field"; the send
    /// endpoint honours it, see Notifications.Api's SendNotification). Istio matches header names in lower case.
    /// </summary>
    public const string IdempotencyKeyHeader = "idempotency-key";

    private const string RequestTimeout = "10s";

    public static Fields VirtualService(Workload service, KubernetesOptions options)
    {
        var routeTo = Destinations(service, options);
        var virtualService = Meta.Object("networking.istio.io/v1", "VirtualService", service.Name, Labels.For(service, options));
        virtualService["spec"] = new Fields
        {
            ["hosts"] = new List<object?> { service.Name },
            ["http"] = new List<object?>
            {
                // A POST carrying an Idempotency-Key is answered once whatever the number of tries: retry it.
                Route("idempotent-post", [new Fields
                {
                    ["method"] = new Fields { ["exact"] = "POST" },
                    ["headers"] = new Fields { [IdempotencyKeyHeader] = new Fields { ["regex"] = ".+" } },
                }], routeTo, Retries(2, "3s", "connect-failure,refused-stream,reset,gateway-error")),
                // Any other POST or PATCH might be applied twice: never retried by the mesh.
                Route("non-idempotent", [new Fields { ["method"] = new Fields { ["regex"] = "POST|PATCH" } }],
                    routeTo, new Fields { ["attempts"] = 0 }),
                // GET, HEAD, PUT, DELETE, OPTIONS are idempotent by definition (RFC 9110, 9.2.2).
                Route("idempotent", null, routeTo, Retries(3, "2s", "connect-failure,refused-stream,reset,gateway-error")),
            },
        };
        return virtualService;
    }

    public static Fields DestinationRule(Workload service, KubernetesOptions options)
    {
        var subsets = new List<object?> { Subset(Labels.Stable) };
        if (CanaryWeight(service, options) > 0)
        {
            subsets.Add(Subset(Labels.Canary));
        }
        var rule = Meta.Object("networking.istio.io/v1", "DestinationRule", service.Name, Labels.For(service, options));
        rule["spec"] = new Fields
        {
            ["host"] = service.Name,
            ["trafficPolicy"] = new Fields
            {
                ["connectionPool"] = new Fields
                {
                    ["tcp"] = new Fields { ["maxConnections"] = 200, ["connectTimeout"] = "2s" },
                    ["http"] = new Fields { ["http1MaxPendingRequests"] = 100, ["http2MaxRequests"] = 500 },
                },
                // Five 5xx in a row take a pod out of rotation for 30 s (longer each time), never more than half of them.
                ["outlierDetection"] = new Fields
                {
                    ["consecutive5xxErrors"] = 5,
                    ["interval"] = "10s",
                    ["baseEjectionTime"] = "30s",
                    ["maxEjectionPercent"] = 50,
                },
            },
            ["subsets"] = subsets,
        };
        return rule;
    }

    /// <summary>Workloads in the mesh talk mutual TLS only.</summary>
    public static Fields StrictMutualTls(KubernetesOptions options)
    {
        var authentication = Meta.Object("security.istio.io/v1", "PeerAuthentication", "default",
            new Fields { ["app.kubernetes.io/part-of"] = options.PartOf });
        authentication["spec"] = new Fields { ["mtls"] = new Fields { ["mode"] = "STRICT" } };
        return authentication;
    }

    /// <summary>
    /// What comes from outside the mesh stays possible in plain text, port by port: Prometheus scraping the
    /// management port (ServiceMonitor), and the ingress controller calling a public service's traffic port.
    /// </summary>
    public static Fields PlainTextPorts(Workload service, KubernetesOptions options)
    {
        var ports = new Fields();
        foreach (var port in service.Ports.Where(p => p == service.OperationsPort || service.IsExternal && p.IsHttp))
        {
            ports[port.Number.ToString(CultureInfo.InvariantCulture)] = new Fields { ["mode"] = "PERMISSIVE" };
        }
        var authentication = Meta.Object("security.istio.io/v1", "PeerAuthentication", service.Name, Labels.For(service, options));
        authentication["spec"] = new Fields
        {
            ["selector"] = new Fields { ["matchLabels"] = Labels.Selector(service.Name) },
            ["mtls"] = new Fields { ["mode"] = "STRICT" },
            ["portLevelMtls"] = ports,
        };
        return authentication;
    }

    /// <summary>
    /// The gateway scales on the requests per second Istio's sidecars count (`istio_requests_total`, served to the
    /// HPA as the `istio_requests_per_second` pods metric by prometheus-adapter), not on CPU.
    /// </summary>
    public static Fields RequestRateAutoscalerPatch(Workload gateway, KubernetesOptions options)
    {
        var patch = Meta.Object("autoscaling/v2", "HorizontalPodAutoscaler", gateway.Name);
        patch["spec"] = new Fields
        {
            ["metrics"] = new List<object?>
            {
                new Fields
                {
                    ["type"] = "Pods",
                    ["pods"] = new Fields
                    {
                        ["metric"] = new Fields { ["name"] = "istio_requests_per_second" },
                        ["target"] = new Fields
                        {
                            ["type"] = "AverageValue",
                            ["averageValue"] = options.GatewayRequestsPerSecondTarget.ToString(CultureInfo.InvariantCulture),
                        },
                    },
                },
            },
        };
        return patch;
    }

    public static int CanaryWeight(Workload service, KubernetesOptions options) =>
        Math.Clamp(options.CanaryWeights.GetValueOrDefault(service.Name), 0, 100);

    private static List<object?> Destinations(Workload service, KubernetesOptions options)
    {
        var canary = CanaryWeight(service, options);
        var destinations = new List<object?> { Destination(service, Labels.Stable, 100 - canary) };
        if (canary > 0)
        {
            destinations.Add(Destination(service, Labels.Canary, canary));
        }
        return destinations;
    }

    private static Fields Destination(Workload service, string subset, int weight) => new()
    {
        ["destination"] = new Fields { ["host"] = service.Name, ["subset"] = subset, ["port"] = new Fields { ["number"] = service.PrimaryPort!.Number } },
        ["weight"] = weight,
    };

    private static Fields Route(string name, List<Fields>? match, List<object?> routeTo, Fields retries)
    {
        var route = new Fields { ["name"] = name };
        if (match is not null)
        {
            route["match"] = match.Cast<object?>().ToList();
        }
        route["route"] = routeTo;
        route["timeout"] = RequestTimeout;
        route["retries"] = retries;
        return route;
    }

    private static Fields Retries(int attempts, string perTryTimeout, string retryOn) => new()
    {
        ["attempts"] = attempts,
        ["perTryTimeout"] = perTryTimeout,
        ["retryOn"] = retryOn,
    };

    private static Fields Subset(string track) => new() { ["name"] = track, ["labels"] = new Fields { [Labels.Version] = track } };
}
