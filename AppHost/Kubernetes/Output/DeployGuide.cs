using System.Text;
using NotificationAspire.AppHost.Kubernetes.Model;
using NotificationAspire.AppHost.Kubernetes.Objects;

namespace NotificationAspire.AppHost.Kubernetes.Output;

/// <summary>
/// The README written beside the manifests: which images to push, which Secrets each overlay expects (names and
/// keys only; commands generate the values in the cluster or read them from the operator's files), and what the
/// cluster must run.
/// </summary>
public static class DeployGuide
{
    /// <param name="sourceRoot">The repository's root: paths in the guide are relative to it.</param>
    public static string Markdown(Topology topology, KubernetesOptions options, string sourceRoot)
    {
        var text = new StringBuilder();
        text.AppendLine("# NotificationAspire on Kubernetes").AppendLine()
            .AppendLine("Generated from the AppHost model by its `kubernetes` pipeline step; regenerate rather than edit:").AppendLine()
            .AppendLine("```sh").AppendLine("dotnet run --project AppHost -- --operation publish --step kubernetes --output-path \"$PWD/<folder>\"").AppendLine("```").AppendLine()
            .AppendLine("| folder | what |").AppendLine("|---|---|")
            .AppendLine($"| `{KustomizeLayout.Base}` | every service: Deployment, Service, ConfigMap, PDB, autoscaler, ServiceMonitor, NetworkPolicy; Ingress for the public one; the Grafana dashboard |")
            .AppendLine($"| `{KustomizeLayout.Dev}` | namespace `{options.DevNamespace}` with its own {string.Join(", ", topology.Infrastructure.Select(i => i.Name))} |")
            .AppendLine($"| `{KustomizeLayout.Production}` | namespace `{options.ProductionNamespace}`; managed infrastructure through connection-string Secrets; JSON logs and Fluent Bit |")
            .AppendLine($"| `{KustomizeLayout.Istio}` | production in an Istio mesh: retries and timeouts per route, outlier detection, canary, request-rate autoscaling |")
            .AppendLine();

        text.AppendLine("## Images").AppendLine()
            .AppendLine("From the repository's root, build and push every service image with the SDK (no Dockerfile), then the images built from a Dockerfile:").AppendLine()
            .AppendLine("```sh");
        foreach (var service in topology.Services)
        {
            var project = service.SourcePath is { } path ? Path.GetRelativePath(sourceRoot, path) : $"<{service.Name} project>";
            text.AppendLine($"dotnet publish {project} -t:PublishContainer -p:ContainerRegistry=<registry> -p:ContainerImageTags={options.ImageTag}");
        }
        foreach (var built in topology.Infrastructure.Where(i => !i.Image.Contains(':') && !i.Image.Contains('@')))
        {
            // The Dockerfile comes from the model; `--publisher manifest` writes it beside the manifest.
            var context = built.SourcePath is { } path ? Path.GetRelativePath(sourceRoot, path) : $"<build context of {built.Name}>";
            text.AppendLine($"docker build -t <registry>/{built.Image}:{options.ImageTag} -f <manifest folder>/{built.Name}.Dockerfile {context}");
        }
        text.AppendLine("```").AppendLine()
            .AppendLine("Regenerate with `--Kubernetes:ImageRegistry=<registry> --Kubernetes:ImageTag=<tag>` so the manifests name them.").AppendLine();
        foreach (var service in topology.Services.Where(s => MeshObjects.CanaryWeight(s, options) > 0))
        {
            text.AppendLine($"The `istio` overlay sends {MeshObjects.CanaryWeight(service, options)} % of `{service.Name}`'s traffic to its canary, "
                + $"`{ServiceWorkloads.ImageOf(service, options, Labels.Canary)}`: push the version under trial with the tag `{Labels.Canary}`.").AppendLine();
        }

        Secrets(text, "dev", options.DevNamespace,
            topology.Workloads.SelectMany(w => EnvironmentList.SecretsOf(w.Environment.Dev)), options);
        Secrets(text, "production (and istio)", options.ProductionNamespace,
            topology.Services.SelectMany(s => EnvironmentList.SecretsOf(s.Environment.Base)), options);

        text.AppendLine("## Cluster prerequisites").AppendLine()
            .AppendLine("- Kubernetes 1.30 or later (the `preStop` hooks use the kubelet's `sleep` action: the images have no shell);")
            .AppendLine($"- an ingress controller of class `{options.IngressClassName}` in namespace `{options.IngressControllerNamespace}`;")
            .AppendLine($"- Prometheus Operator (ServiceMonitor) and Grafana's dashboard sidecar, in namespace `{options.MonitoringNamespace}`, "
                + "with Prometheus selecting ServiceMonitors of every namespace and the sidecar loading dashboards from every namespace "
                + "(kube-prometheus-stack: `prometheus.prometheusSpec.serviceMonitorSelectorNilUsesHelmValues=false`, `grafana.sidecar.dashboards.searchNamespace=ALL`);")
            .AppendLine($"- KEDA in namespace `{options.KedaNamespace}` (the worker scales on Kafka consumer lag);")
            .AppendLine("- a CNI that enforces NetworkPolicy (everything not listed is denied);")
            .AppendLine("- production: Fluent Bit (Helm chart `fluent/fluent-bit` with `existingConfigMap: fluent-bit-config`) and Elasticsearch;")
            .AppendLine($"- istio: Istio in `{options.IstioNamespace}`, and prometheus-adapter serving `istio_requests_per_second` "
                + "(`sum(rate(istio_requests_total{reporter=\"destination\"}[1m])) by (pod)`) to the gateway's autoscaler.")
            .AppendLine()
            .AppendLine("Then `kubectl apply -k overlays/<overlay>`.");
        return text.ToString();
    }

    private static void Secrets(StringBuilder text, string overlay, string @namespace, IEnumerable<SecretReference> references, KubernetesOptions options)
    {
        text.AppendLine($"## Secrets for {overlay}").AppendLine()
            .AppendLine("No file here holds a secret value (nor a value only the cluster knows). Create these in the namespace before applying:").AppendLine()
            .AppendLine("```sh");
        var all = references.ToList();
        var parameters = all.Where(r => r.IsConfigMap).DistinctBy(r => r.Key).OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        if (parameters.Count > 0)
        {
            text.AppendLine("# values that are not secret but the cluster's own:");
            foreach (var parameter in parameters)
            {
                text.AppendLine($"#   {parameter.Key}: {parameter.Holds}");
            }
            text.AppendLine($"kubectl -n {@namespace} create configmap {SecretReference.ParametersConfigMap} "
                    + string.Join(" ", parameters.Select(p => $"--from-literal={p.Key}=<value>")));
        }
        foreach (var secret in all.Where(r => !r.IsConfigMap).DistinctBy(s => s.Name).OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            text.AppendLine($"# {secret.Holds}");
            text.AppendLine(secret.IsConnectionString
                ? $"kubectl -n {@namespace} create secret generic {secret.Name} --from-file={secret.Key}=./{secret.Name}.txt"
                : $"kubectl -n {@namespace} create secret generic {secret.Name} --from-literal={secret.Key}=\"$(openssl rand -hex 24)\"");
        }
        text.AppendLine($"# the public certificate of the gateway's host")
            .AppendLine($"kubectl -n {@namespace} create secret tls {options.TlsSecretName} --cert=tls.crt --key=tls.key")
            .AppendLine("```").AppendLine();
    }
}
