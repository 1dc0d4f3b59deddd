using Microsoft.Extensions.Configuration;

namespace NotificationAspire.AppHost.Infrastructure;

/// <summary>How many delivery workers run: `DeliveryWorker:Replicas`, 2 unless told (the benchmark compares 1 and 2).</summary>
public static class DeliveryWorkerScale
{
    public const string ReplicasKey = "DeliveryWorker:Replicas";

    public static int DeliveryWorkerReplicas(this IDistributedApplicationBuilder builder)
    {
        var replicas = builder.Configuration.GetValue(ReplicasKey, 2);
        return replicas is >= 1 and <= 8 ? replicas : throw new InvalidOperationException($"{ReplicasKey} must be 1 to 8; it is {replicas}.");
    }
}
