using NotificationAspire.AppHost.Kubernetes.Model;

namespace NotificationAspire.AppHost.Kubernetes.Objects;

/// <summary>
/// The dev overlay's own database, broker, identity provider and mail sink, from their containers in the model:
/// a StatefulSet with a PersistentVolumeClaim per named volume, a Deployment when the container keeps nothing.
/// Their images are third-party: non-root, no privilege escalation, but a writable filesystem (Keycloak builds
/// itself at start, Kafka renders its configuration, PostgreSQL writes its socket).
/// </summary>
public static class InfrastructureWorkloads
{
    public static Fields Workload(Workload infrastructure, KubernetesOptions options)
    {
        var stateful = infrastructure.Volumes.Count > 0;
        var labels = Labels.For(infrastructure, options);
        var workload = Meta.Object("apps/v1", stateful ? "StatefulSet" : "Deployment", infrastructure.Name, labels);
        var spec = new Fields
        {
            ["replicas"] = infrastructure.Replicas,
            ["selector"] = new Fields { ["matchLabels"] = Labels.DeploymentSelector(infrastructure, Labels.Stable) },
        };
        if (stateful)
        {
            spec["serviceName"] = infrastructure.Name;
            spec["updateStrategy"] = new Fields { ["type"] = "RollingUpdate" };
        }
        else
        {
            spec["strategy"] = new Fields { ["type"] = "RollingUpdate", ["rollingUpdate"] = new Fields { ["maxUnavailable"] = 0, ["maxSurge"] = 1 } };
        }
        spec["template"] = new Fields { ["metadata"] = new Fields { ["labels"] = labels }, ["spec"] = PodSpec(infrastructure, options) };
        if (stateful)
        {
            spec["volumeClaimTemplates"] = infrastructure.Volumes.Select(v => (object?)new Fields
            {
                ["metadata"] = new Fields { ["name"] = v.Name },
                ["spec"] = new Fields
                {
                    ["accessModes"] = new List<object?> { "ReadWriteOnce" },
                    ["resources"] = new Fields { ["requests"] = new Fields { ["storage"] = $"{options.PersistentVolumeSizeGi}Gi" } },
                },
            }).ToList();
        }
        workload["spec"] = spec;
        return workload;
    }

    private static Fields PodSpec(Workload infrastructure, KubernetesOptions options)
    {
        var security = PodSecurity.NonRoot(options.InfrastructureUserId);
        if (infrastructure.Ports.Any(p => p.Number < 1024))
        {
            // A safe sysctl: lets the non-root user bind the image's low ports (SMTP 25, HTTP 80) without a capability.
            security["sysctls"] = new List<object?> { new Fields { ["name"] = "net.ipv4.ip_unprivileged_port_start", ["value"] = "0" } };
        }
        var container = new Fields
        {
            ["name"] = infrastructure.Name,
            ["image"] = infrastructure.Image.Contains(':') || infrastructure.Image.Contains('@')
                ? infrastructure.Image
                : ServiceWorkloads.ImageOf(infrastructure, options),
            ["imagePullPolicy"] = "IfNotPresent",
        };
        if (infrastructure.Args.Count > 0)
        {
            container["args"] = infrastructure.Args.Cast<object?>().ToList();
        }
        container["ports"] = infrastructure.Ports.Select(p => new Fields { ["name"] = p.Name, ["containerPort"] = p.Number, ["protocol"] = "TCP" }).ToList();
        container["env"] = EnvironmentList.Of(infrastructure.Environment.Dev);
        // Third-party images answer on their port before anything else: a TCP check is what all of them support.
        if (infrastructure.PrimaryPort is { } port)
        {
            container["startupProbe"] = TcpProbe(port, period: 5, failures: 60);
            container["readinessProbe"] = TcpProbe(port, period: 10, failures: 3);
            container["livenessProbe"] = TcpProbe(port, period: 20, failures: 6);
        }
        container["resources"] = ServiceWorkloads.Resources(options.InfrastructureSize);
        container["securityContext"] = PodSecurity.Container(readOnlyRootFilesystem: false);
        container["volumeMounts"] = infrastructure.Volumes.Select(v => new Fields { ["name"] = v.Name, ["mountPath"] = v.MountPath, ["readOnly"] = v.ReadOnly }).ToList();
        return new Fields
        {
            ["automountServiceAccountToken"] = false,
            ["terminationGracePeriodSeconds"] = 60,
            ["securityContext"] = security,
            ["containers"] = new List<object?> { container },
        };
    }

    private static Fields TcpProbe(WorkloadPort port, int period, int failures) => new()
    {
        ["tcpSocket"] = new Fields { ["port"] = port.Name },
        ["periodSeconds"] = period,
        ["timeoutSeconds"] = 3,
        ["failureThreshold"] = failures,
    };
}
