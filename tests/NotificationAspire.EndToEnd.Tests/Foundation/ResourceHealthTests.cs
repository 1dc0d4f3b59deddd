using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NotificationAspire.EndToEnd.Tests.Foundation;

[Collection(PlatformCollection.Name)]
public sealed class ResourceHealthTests(PlatformFixture platform)
{
    [Fact]
    public async Task Every_resource_of_the_platform_is_running_and_healthy()
    {
        string[] expected = [Contracts.ResourceNames.Postgres, Contracts.ResourceNames.NotificationsDatabase,
            Contracts.ResourceNames.Kafka, Contracts.ResourceNames.Identity, Contracts.ResourceNames.Mail,
            Contracts.ResourceNames.NotificationsApi, Contracts.ResourceNames.Gateway,
            Contracts.ResourceNames.DeliveryWorker, Contracts.ResourceNames.DeliveryDatabase];
        Assert.Superset(expected.ToHashSet(), platform.ResourceNames.ToHashSet());

        // A replicated resource (delivery-worker) has its state on each replica, so count instances, not names.
        var model = platform.App.Services.GetRequiredService<DistributedApplicationModel>();
        var resources = model.Resources.Where(r => platform.ResourceNames.Contains(r.Name)).ToList();
        var expectedInstances = resources.Sum(r => r.GetReplicaCount());
        Assert.Equal(2, resources.Single(r => r.Name == Contracts.ResourceNames.DeliveryWorker).GetReplicaCount());

        var latest = new Dictionary<string, ResourceEvent>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var update in platform.App.ResourceNotifications.WatchAsync(deadline.Token))
        {
            if (platform.ResourceNames.Contains(update.Resource.Name))
            {
                latest[update.ResourceId] = update;
            }
            if (latest.Count == expectedInstances && latest.Values.All(e => e.Snapshot.HealthStatus == HealthStatus.Healthy))
            {
                break;
            }
        }
        Assert.Equal(expectedInstances, latest.Count);
        Assert.All(latest.Values, e => Assert.True(e.Snapshot.HealthStatus == HealthStatus.Healthy, $"{e.ResourceId} is {e.Snapshot.HealthStatus}"));
    }

    [Fact]
    public async Task A_service_reports_its_own_dependencies_in_its_readiness_endpoint()
    {
        using var http = platform.CreateHttpClient(Contracts.ResourceNames.NotificationsApi, Contracts.ManagementEndpoint.Name);
        using var health = await http.GetAsync("/health");
        using var alive = await http.GetAsync("/alive");

        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        Assert.Equal(System.Net.HttpStatusCode.OK, alive.StatusCode);
    }
}
