using System.Globalization;
using NotificationAspire.AppHost.Kubernetes.Model;
using NotificationAspire.Contracts;

namespace NotificationAspire.AppHost.Kubernetes.Objects;

/// <summary>What stands beside a workload: its Service, disruption budget, autoscaler and scrape target.</summary>
public static class ServiceCompanions
{
    public static Fields Service(Workload workload, KubernetesOptions options)
    {
        var service = Meta.Object("v1", "Service", workload.Name, Labels.For(workload, options));
        service["spec"] = new Fields
        {
            ["type"] = "ClusterIP",
            ["selector"] = Labels.Selector(workload.Name),
            ["ports"] = workload.Ports.Select(p =>
            {
                var port = new Fields { ["name"] = p.Name, ["port"] = p.Number, ["targetPort"] = p.Name, ["protocol"] = "TCP" };
                if (p.IsHttp)
                {
                    port["appProtocol"] = "http"; // what Istio needs to treat a port not named http-* as HTTP
                }
                return port;
            }).ToList(),
        };
        return service;
    }

    /// <summary>Voluntary disruptions (node drains, upgrades) take one pod at a time.</summary>
    public static Fields DisruptionBudget(Workload workload, KubernetesOptions options)
    {
        var budget = Meta.Object("policy/v1", "PodDisruptionBudget", workload.Name, Labels.For(workload, options));
        budget["spec"] = new Fields { ["maxUnavailable"] = 1, ["selector"] = new Fields { ["matchLabels"] = Labels.Selector(workload.Name) } };
        return budget;
    }

    /// <summary>HTTP services scale on CPU, never below the model's replica count.</summary>
    public static Fields CpuAutoscaler(Workload service, KubernetesOptions options)
    {
        var autoscaler = Meta.Object("autoscaling/v2", "HorizontalPodAutoscaler", service.Name, Labels.For(service, options));
        autoscaler["spec"] = new Fields
        {
            ["scaleTargetRef"] = new Fields { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = service.Name },
            ["minReplicas"] = service.Replicas,
            ["maxReplicas"] = Math.Max(options.MaxReplicas, service.Replicas),
            ["metrics"] = new List<object?>
            {
                new Fields
                {
                    ["type"] = "Resource",
                    ["resource"] = new Fields
                    {
                        ["name"] = "cpu",
                        ["target"] = new Fields { ["type"] = "Utilization", ["averageUtilization"] = options.CpuUtilizationTarget },
                    },
                },
            },
            // Scale up at once, down slowly: a burst of notifications comes back before five quiet minutes pass.
            ["behavior"] = new Fields { ["scaleDown"] = new Fields { ["stabilizationWindowSeconds"] = 300 } },
        };
        return autoscaler;
    }

    /// <summary>
    /// A worker scales on the lag of its consumer groups, one trigger per topic, between the model's replica count
    /// and the most partitions any of its topics has (more members than partitions would sit idle).
    /// </summary>
    public static Fields KafkaLagScaler(Workload worker, KubernetesOptions options)
    {
        var groups = Topology.ConsumerGroupsOf(worker);
        var scaler = Meta.Object("keda.sh/v1alpha1", "ScaledObject", worker.Name, Labels.For(worker, options));
        scaler["spec"] = new Fields
        {
            ["scaleTargetRef"] = new Fields { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = worker.Name },
            ["minReplicaCount"] = worker.Replicas,
            ["maxReplicaCount"] = Math.Max(worker.Replicas, groups.SelectMany(g => g.Topics).Max(t => t.Partitions)),
            ["pollingInterval"] = 15,
            ["cooldownPeriod"] = 300,
            ["triggers"] = groups.SelectMany(g => g.Topics.Select(t => (object?)new Fields
            {
                ["type"] = "kafka",
                ["name"] = $"{g.Id}-{t.Name}",
                ["metadata"] = new Fields
                {
                    // The same bootstrap servers the worker uses, read from its environment (a Secret in production).
                    ["bootstrapServersFromEnv"] = $"ConnectionStrings__{ResourceNames.Kafka}",
                    ["consumerGroup"] = g.Id,
                    ["topic"] = t.Name,
                    ["lagThreshold"] = options.KafkaLagThreshold.ToString(CultureInfo.InvariantCulture),
                    ["offsetResetPolicy"] = "earliest",
                },
            })).ToList(),
        };
        return scaler;
    }

    /// <summary>Prometheus Operator's scrape target: the management port's metrics.</summary>
    public static Fields Monitor(Workload service, KubernetesOptions options)
    {
        var monitor = Meta.Object("monitoring.coreos.com/v1", "ServiceMonitor", service.Name, Labels.For(service, options));
        monitor["spec"] = new Fields
        {
            ["selector"] = new Fields { ["matchLabels"] = Labels.Selector(service.Name) },
            ["endpoints"] = new List<object?>
            {
                new Fields { ["port"] = service.OperationsPort!.Name, ["path"] = HealthEndpoints.Metrics, ["interval"] = "30s" },
            },
        };
        return monitor;
    }

    /// <summary>The only way in from outside: TLS at the Ingress with a certificate Secret, to the service's traffic port.</summary>
    public static Fields Ingress(Workload service, KubernetesOptions options, string host)
    {
        var ingress = Meta.Object("networking.k8s.io/v1", "Ingress", service.Name, Labels.For(service, options));
        ingress["spec"] = new Fields
        {
            ["ingressClassName"] = options.IngressClassName,
            ["tls"] = new List<object?> { new Fields { ["hosts"] = new List<object?> { host }, ["secretName"] = options.TlsSecretName } },
            ["rules"] = new List<object?>
            {
                new Fields
                {
                    ["host"] = host,
                    ["http"] = new Fields
                    {
                        ["paths"] = new List<object?>
                        {
                            new Fields
                            {
                                ["path"] = "/",
                                ["pathType"] = "Prefix",
                                ["backend"] = new Fields
                                {
                                    ["service"] = new Fields { ["name"] = service.Name, ["port"] = new Fields { ["name"] = service.PrimaryPort!.Name } },
                                },
                            },
                        },
                    },
                },
            },
        };
        return ingress;
    }
}
