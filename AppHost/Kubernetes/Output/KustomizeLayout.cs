using NotificationAspire.AppHost.Kubernetes.Model;
using NotificationAspire.AppHost.Kubernetes.Objects;
using NotificationAspire.AppHost.Kubernetes.Observability;

namespace NotificationAspire.AppHost.Kubernetes.Output;

/// <summary>
/// The files of the output, by path: a kustomize base with every service, and three overlays. `dev` runs its own
/// infrastructure; `production` expects it managed, through connection-string Secrets, and logs JSON for Fluent
/// Bit; `istio` is production in a mesh, with a canary.
/// </summary>
public sealed class KustomizeLayout(Topology topology, KubernetesOptions options, string sourceRoot)
{
    public const string Base = "base";
    public const string Dev = "overlays/dev";
    public const string Production = "overlays/production";
    public const string Istio = "overlays/istio";

    private readonly Dictionary<string, string> files = [];

    public IReadOnlyDictionary<string, string> Files()
    {
        files.Clear();
        WriteBase();
        WriteDev();
        WriteProduction();
        WriteIstio();
        files["README.md"] = DeployGuide.Markdown(topology, options, sourceRoot);
        return files;
    }

    private void WriteBase()
    {
        var resources = new List<object?> { "network-policies.yaml" };
        files[$"{Base}/network-policies.yaml"] = YamlFile.Documents(NetworkPolicies.Baseline(options));
        var generators = new List<object?>();
        foreach (var service in topology.Services)
        {
            files[$"{Base}/services/{service.Name}.yaml"] = YamlFile.Documents(ServiceObjects(service));
            resources.Add($"services/{service.Name}.yaml");
            files[$"{Base}/config/{service.Name}.env"] = EnvFile(ServiceWorkloads.PlainSettings(service, topology, options));
            generators.Add(new Fields { ["name"] = ServiceWorkloads.ConfigMapName(service), ["envs"] = new List<object?> { $"config/{service.Name}.env" } });
        }
        files[$"{Base}/observability/{GrafanaDashboard.FileName}"] = GrafanaDashboard.Json();
        generators.Add(new Fields
        {
            ["name"] = $"{options.PartOf}-dashboard",
            ["files"] = new List<object?> { $"observability/{GrafanaDashboard.FileName}" },
            // Grafana's dashboard sidecar (kube-prometheus-stack) loads ConfigMaps with this label.
            ["options"] = new Fields { ["labels"] = new Fields { ["grafana_dashboard"] = "1" }, ["disableNameSuffixHash"] = true },
        });
        files[$"{Base}/kustomization.yaml"] = Kustomization(new Fields { ["resources"] = resources, ["configMapGenerator"] = generators });
    }

    private IEnumerable<Fields> ServiceObjects(Workload service)
    {
        yield return ServiceWorkloads.Deployment(service, topology, options);
        yield return ServiceCompanions.Service(service, options);
        yield return ServiceCompanions.DisruptionBudget(service, options);
        yield return topology.ScalesOnKafkaLag(service)
            ? ServiceCompanions.KafkaLagScaler(service, options)
            : ServiceCompanions.CpuAutoscaler(service, options);
        yield return ServiceCompanions.Monitor(service, options);
        yield return NetworkPolicies.For(service, topology, options);
        if (service.IsExternal)
        {
            yield return ServiceCompanions.Ingress(service, options, options.ProductionHost);
        }
    }

    private void WriteDev()
    {
        var resources = new List<object?> { $"../../{Base}", "namespace.yaml" };
        files[$"{Dev}/namespace.yaml"] = YamlFile.Document(Namespace(options.DevNamespace));
        foreach (var infrastructure in topology.Infrastructure)
        {
            List<Fields> objects = [InfrastructureWorkloads.Workload(infrastructure, options), NetworkPolicies.For(infrastructure, topology, options)];
            if (infrastructure.Ports.Count > 0)
            {
                objects.Insert(1, ServiceCompanions.Service(infrastructure, options));
            }
            files[$"{Dev}/infrastructure/{infrastructure.Name}.yaml"] = YamlFile.Documents(objects);
            resources.Add($"infrastructure/{infrastructure.Name}.yaml");
        }

        var patches = new List<object?>();
        foreach (var service in topology.Services)
        {
            // Connection strings built from the overlay's own infrastructure, passwords still from Secrets.
            var baseValues = service.Environment.Base.ToDictionary(e => e.Name, e => e.Value);
            var overrides = service.Environment.Dev.Where(e => e.Value is not LiteralValue || !Equals(baseValues.GetValueOrDefault(e.Name), e.Value)).ToList();
            if (overrides.Count == 0 && service.Environment.Base.All(e => e.Value is LiteralValue))
            {
                continue; // nothing but plain settings, the same as the base's
            }
            files[$"{Dev}/patches/{service.Name}-environment.yaml"] = YamlFile.Document(new List<object?>
            {
                new Fields
                {
                    ["op"] = "replace",
                    ["path"] = "/spec/template/spec/containers/0/env",
                    ["value"] = EnvironmentList.Of(overrides),
                },
            });
            patches.Add(Patch($"patches/{service.Name}-environment.yaml", "Deployment", service.Name));
        }
        foreach (var service in topology.Services.Where(s => s.IsExternal))
        {
            files[$"{Dev}/patches/{service.Name}-ingress-host.yaml"] = YamlFile.Document(new Fields
            {
                ["apiVersion"] = "networking.k8s.io/v1",
                ["kind"] = "Ingress",
                ["metadata"] = new Fields { ["name"] = service.Name },
                ["spec"] = ServiceCompanions.Ingress(service, options, options.DevHost)["spec"],
            });
            patches.Add(new Fields { ["path"] = $"patches/{service.Name}-ingress-host.yaml" });
        }
        files[$"{Dev}/kustomization.yaml"] = Kustomization(new Fields
        {
            ["namespace"] = options.DevNamespace,
            ["resources"] = resources,
            ["patches"] = patches,
        });
    }

    private void WriteProduction()
    {
        var resources = new List<object?> { $"../../{Base}", "namespace.yaml" };
        files[$"{Production}/namespace.yaml"] = YamlFile.Document(Namespace(options.ProductionNamespace));
        var external = topology.Services.Where(s => s.Flows.Any(f => topology.Infrastructure.Any(i => i.Name == f.Target))).ToList();
        if (external.Count > 0)
        {
            files[$"{Production}/external-infrastructure.yaml"] = YamlFile.Documents(external.Select(s => NetworkPolicies.ToExternalInfrastructure(s, topology, options)));
            resources.Add("external-infrastructure.yaml");
        }
        var generators = topology.Services.Select(s => (object?)new Fields
        {
            ["name"] = ServiceWorkloads.ConfigMapName(s),
            ["behavior"] = "merge",
            ["literals"] = FluentBitConfig.JsonConsoleLogging.Select(l => (object?)$"{l.Key}={l.Value}").ToList(),
        }).ToList();
        var fluentBit = FluentBitConfig.Files(options.ProductionNamespace);
        foreach (var (name, content) in fluentBit)
        {
            files[$"{Production}/observability/{name}"] = content;
        }
        generators.Add(new Fields
        {
            ["name"] = FluentBitConfig.ConfigMapName,
            ["files"] = fluentBit.Keys.Select(k => (object?)$"observability/{k}").ToList(),
            ["options"] = new Fields { ["disableNameSuffixHash"] = true },
        });
        files[$"{Production}/kustomization.yaml"] = Kustomization(new Fields
        {
            ["namespace"] = options.ProductionNamespace,
            ["resources"] = resources,
            ["configMapGenerator"] = generators,
        });
    }

    private void WriteIstio()
    {
        var http = topology.Services.Where(topology.ServesHttp).ToList();
        var mesh = new List<Fields> { MeshObjects.StrictMutualTls(options) };
        mesh.AddRange(topology.Services.Select(s => MeshObjects.PlainTextPorts(s, options)));
        mesh.AddRange(http.SelectMany(s => new[] { MeshObjects.VirtualService(s, options), MeshObjects.DestinationRule(s, options) }));
        mesh.Add(MeshNetworkPolicy(http));
        files[$"{Istio}/mesh.yaml"] = YamlFile.Documents(mesh);
        var resources = new List<object?> { $"../{Path.GetFileName(Production)}", "mesh.yaml" };

        var canaries = http.Where(s => MeshObjects.CanaryWeight(s, options) > 0).ToList();
        var generators = new List<object?>();
        if (canaries.Count > 0)
        {
            files[$"{Istio}/canary.yaml"] = YamlFile.Documents(canaries.Select(s => ServiceWorkloads.Deployment(s, topology, options, Labels.Canary)));
            resources.Add("canary.yaml");
            // A ConfigMap of its own, generated here: kustomize renames generated ConfigMaps only for objects of the same layer.
            foreach (var canary in canaries)
            {
                files[$"{Istio}/config/{canary.Name}-canary.env"] =
                    EnvFile(ServiceWorkloads.PlainSettings(canary, topology, options).Concat(FluentBitConfig.JsonConsoleLogging));
                generators.Add(new Fields
                {
                    ["name"] = ServiceWorkloads.ConfigMapName(canary, Labels.Canary),
                    ["envs"] = new List<object?> { $"config/{canary.Name}-canary.env" },
                });
            }
        }

        var namespacePatch = Namespace(options.ProductionNamespace);
        ((Fields)namespacePatch["metadata"]!)["labels"] = new Fields { ["istio-injection"] = "enabled" };
        files[$"{Istio}/patches/namespace.yaml"] = YamlFile.Document(namespacePatch);
        var patches = new List<object?> { new Fields { ["path"] = "patches/namespace.yaml" } };
        foreach (var gateway in http.Where(s => s.IsExternal))
        {
            files[$"{Istio}/patches/{gateway.Name}-autoscaler.yaml"] = YamlFile.Document(MeshObjects.RequestRateAutoscalerPatch(gateway, options));
            patches.Add(new Fields { ["path"] = $"patches/{gateway.Name}-autoscaler.yaml" });
        }
        files[$"{Istio}/kustomization.yaml"] = Kustomization(new Fields
        {
            // Production's namespace: the mesh is a way to run production, not an environment of its own.
            ["namespace"] = options.ProductionNamespace,
            ["resources"] = resources,
            ["configMapGenerator"] = generators,
            ["patches"] = patches,
        });
    }

    /// <summary>Sidecars fetch their configuration from istiod; the mesh's ingress gateway reaches the public services; Prometheus scrapes the sidecars' merged metrics.</summary>
    private Fields MeshNetworkPolicy(IEnumerable<Workload> http)
    {
        const int Xds = 15012, MergedMetrics = 15020;
        var policy = Meta.Object("networking.k8s.io/v1", "NetworkPolicy", "allow-istio", new Fields { ["app.kubernetes.io/part-of"] = options.PartOf });
        var publicPorts = http.Where(s => s.IsExternal).SelectMany(s => s.TrafficPorts.Select(p => p.Number)).ToList();
        var ingress = new List<object?> { NetworkPolicies.Rule("from", [NetworkPolicies.NamespacePeer(options.MonitoringNamespace)], [MergedMetrics]) };
        if (publicPorts.Count > 0)
        {
            ingress.Add(NetworkPolicies.Rule("from", [NetworkPolicies.NamespacePeer(options.IstioNamespace)], publicPorts));
        }
        policy["spec"] = new Fields
        {
            ["podSelector"] = new Fields(),
            ["policyTypes"] = new List<object?> { "Ingress", "Egress" },
            ["ingress"] = ingress,
            ["egress"] = new List<object?> { NetworkPolicies.Rule("to", [NetworkPolicies.NamespacePeer(options.IstioNamespace)], [Xds]) },
        };
        return policy;
    }

    private Fields Namespace(string name)
    {
        var ns = Meta.Object("v1", "Namespace", name, new Fields { ["app.kubernetes.io/part-of"] = options.PartOf });
        return ns;
    }

    private static Fields Patch(string path, string kind, string name) => new()
    {
        ["path"] = path,
        ["target"] = new Fields { ["kind"] = kind, ["name"] = name },
    };

    private static string Kustomization(Fields content)
    {
        var kustomization = new Fields { ["apiVersion"] = "kustomize.config.k8s.io/v1beta1", ["kind"] = "Kustomization" };
        foreach (var (key, value) in content)
        {
            kustomization[key] = value;
        }
        return "# Generated from the AppHost model by its `kubernetes` pipeline step; regenerate instead of editing.\n"
            + YamlFile.Document(kustomization);
    }

    private static string EnvFile(IEnumerable<(string Key, string Value)> settings) =>
        string.Concat(settings.Select(s => $"{s.Key}={s.Value}\n"));
}
