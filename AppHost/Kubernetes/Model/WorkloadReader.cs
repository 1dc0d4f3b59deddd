namespace NotificationAspire.AppHost.Kubernetes.Model;

/// <summary>
/// Reads the AppHost model as published (the container model): every project becomes a service workload, every
/// container an infrastructure workload, with ports, replicas, environment, volumes and the flows its references
/// imply. Nothing here names a particular resource, so a resource added to the AppHost is deployed as it is.
/// </summary>
public static class WorkloadReader
{
    public static async Task<IReadOnlyList<Workload>> ReadAsync(DistributedApplicationModel model,
        DistributedApplicationExecutionContext executionContext, KubernetesOptions options, CancellationToken ct)
    {
        var resources = model.Resources.Where(r => r is ProjectResource or ContainerResource && !IsExcluded(r)).ToList();
        var unsupported = model.Resources.OfType<ExecutableResource>().Where(r => !IsExcluded(r)).Select(r => r.Name).ToList();
        if (unsupported.Count > 0)
        {
            throw new InvalidOperationException(
                $"Executables cannot run in a cluster ({string.Join(", ", unsupported)}); publish the container model.");
        }

        var ports = new PortPlan(resources, options);
        var workloads = new List<Workload>();
        foreach (var resource in resources)
        {
            var environment = await EnvironmentOfAsync(resource, executionContext, ct);
            var production = new ValueTranslator(ports, resource, ConnectionStringSource.Secrets);
            var dev = new ValueTranslator(ports, resource, ConnectionStringSource.Expanded);
            workloads.Add(new Workload(
                resource.Name,
                resource is ProjectResource ? WorkloadRole.Service : WorkloadRole.Infrastructure,
                ImageOf(resource, options),
                resource.TryGetLastAnnotation<ReplicaAnnotation>(out var replicas) ? replicas.Replicas : 1,
                ports.For(resource),
                await ArgsOfAsync(resource, executionContext, ct),
                new WorkloadEnvironment(Translate(environment, production), Translate(environment, dev)),
                VolumesOf(resource),
                production.Flows.Union(dev.Flows).ToList(),
                resource.Annotations.OfType<EndpointAnnotation>().Any(e => e.IsExternal && e.Name != Contracts.ManagementEndpoint.Name),
                SourceOf(resource)));
        }
        return workloads;
    }

    /// <summary>Resources left out of the published manifest are left out of the cluster too.</summary>
    private static bool IsExcluded(IResource resource) =>
        resource.TryGetLastAnnotation<ManifestPublishingCallbackAnnotation>(out var publishing) && publishing.Callback is null;

    private static List<EnvEntry> Translate(Dictionary<string, object> environment, ValueTranslator translator) =>
        environment.Select(e => (e.Key, Value: translator.Translate(e.Value)))
            .Where(e => e.Value is not null)
            .Select(e => new EnvEntry(e.Key, e.Value!))
            .ToList();

    private static async Task<Dictionary<string, object>> EnvironmentOfAsync(IResource resource,
        DistributedApplicationExecutionContext executionContext, CancellationToken ct)
    {
        var environment = new Dictionary<string, object>();
        if (resource.TryGetEnvironmentVariables(out var callbacks))
        {
            var context = new EnvironmentCallbackContext(executionContext, resource, environment, ct);
            foreach (var callback in callbacks)
            {
                await callback.Callback(context);
            }
        }
        return environment;
    }

    private static async Task<IReadOnlyList<string>> ArgsOfAsync(IResource resource,
        DistributedApplicationExecutionContext executionContext, CancellationToken ct)
    {
        var args = new List<object>();
        var context = new CommandLineArgsCallbackContext(args, resource, ct) { ExecutionContext = executionContext };
        foreach (var callback in resource.Annotations.OfType<CommandLineArgsCallbackAnnotation>())
        {
            await callback.Callback(context);
        }
        return args.Select(a => a as string
            ?? throw new NotSupportedException($"Argument of '{resource.Name}' is not plain text ({a.GetType().Name}).")).ToList();
    }

    private static string ImageOf(IResource resource, KubernetesOptions options)
    {
        // Projects and containers built from a Dockerfile become images we build and push under our prefix.
        if (resource is ProjectResource || resource.TryGetLastAnnotation<DockerfileBuildAnnotation>(out _))
        {
            return $"{options.ImageRepositoryPrefix}/{resource.Name}";
        }
        var image = resource.Annotations.OfType<ContainerImageAnnotation>().Last();
        var registry = string.IsNullOrEmpty(image.Registry) ? "" : image.Registry + "/";
        return image.SHA256 is { } digest ? $"{registry}{image.Image}@sha256:{digest}" : $"{registry}{image.Image}:{image.Tag ?? "latest"}";
    }

    private static string? SourceOf(IResource resource) => resource switch
    {
        ProjectResource project => project.GetProjectMetadata().ProjectPath,
        _ when resource.TryGetLastAnnotation<DockerfileBuildAnnotation>(out var build) => build.ContextPath,
        _ => null,
    };

    private static List<WorkloadVolume> VolumesOf(IResource resource)
    {
        var mounts = resource.Annotations.OfType<ContainerMountAnnotation>().ToList();
        if (mounts.FirstOrDefault(m => m.Type != ContainerMountType.Volume) is { } bind)
        {
            throw new InvalidOperationException(
                $"'{resource.Name}' mounts the host path '{bind.Source}'; a cluster has no such path. Publish mode must bake it into an image.");
        }
        return mounts.Select((m, i) => new WorkloadVolume(i == 0 ? "data" : $"data-{i}", m.Target, m.IsReadOnly)).ToList();
    }
}
