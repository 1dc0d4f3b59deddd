using NotificationAspire.Contracts;

namespace NotificationAspire.AppHost.Kubernetes.Model;

/// <summary>
/// Which port each endpoint of the model gets in the cluster. A container keeps its target port; a project listens
/// on the .NET images' 8080 for traffic and the next ports for the rest (its management port), the same in every
/// pod because each has its own network. HTTPS endpoints of projects are not deployed: TLS ends at the Ingress or
/// the mesh.
/// </summary>
public sealed class PortPlan
{
    private readonly Dictionary<(string Resource, string Endpoint), WorkloadPort> ports = [];

    public PortPlan(IEnumerable<IResource> workloads, KubernetesOptions options)
    {
        foreach (var resource in workloads)
        {
            var next = options.ServiceHttpPort + 1;
            foreach (var endpoint in resource.Annotations.OfType<EndpointAnnotation>())
            {
                var isHttp = endpoint.UriScheme is "http" or "https";
                var isManagement = endpoint.Name == ManagementEndpoint.Name;
                int number;
                if (resource is ProjectResource)
                {
                    if (endpoint.UriScheme == "https")
                    {
                        continue;
                    }
                    number = endpoint.Name == "http" ? options.ServiceHttpPort : next++;
                }
                else
                {
                    number = endpoint.TargetPort ?? endpoint.Port
                        ?? throw new InvalidOperationException($"Endpoint '{endpoint.Name}' of '{resource.Name}' has no target port to deploy.");
                }
                ports[(resource.Name, endpoint.Name)] = new WorkloadPort(endpoint.Name, number, isHttp, isManagement);
            }
            if (resource is ProjectResource && !ports.Any(p => p.Key.Resource == resource.Name && p.Value.IsHttp && !p.Value.IsManagement))
            {
                // A project without an HTTP endpoint in the model still listens where the .NET images tell ASP.NET to.
                ports[(resource.Name, "http")] = new WorkloadPort("http", options.ServiceHttpPort, IsHttp: true, IsManagement: false);
            }
        }
    }

    public IReadOnlyList<WorkloadPort> For(IResource resource) =>
        ports.Where(p => p.Key.Resource == resource.Name).Select(p => p.Value).ToList();

    /// <summary>The deployed port of an endpoint, or null when the endpoint does not exist in the cluster.</summary>
    public WorkloadPort? Find(IResource resource, string endpointName) =>
        ports.GetValueOrDefault((resource.Name, endpointName));
}
