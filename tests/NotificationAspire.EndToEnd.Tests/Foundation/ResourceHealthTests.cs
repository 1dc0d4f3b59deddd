using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NotificationAspire.EndToEnd.Tests.Foundation;

[Collection(PlatformCollection.Name)]
public sealed class ResourceHealthTests(PlatformFixture platform)
{
    [Fact]
    public void Every_resource_of_the_platform_is_running_and_healthy()
    {
        string[] expected = [Contracts.ResourceNames.Postgres, Contracts.ResourceNames.NotificationsDatabase,
            Contracts.ResourceNames.Kafka, Contracts.ResourceNames.Identity, Contracts.ResourceNames.Mail,
            Contracts.ResourceNames.NotificationsApi, Contracts.ResourceNames.Gateway,
            Contracts.ResourceNames.DeliveryWorker, Contracts.ResourceNames.DeliveryDatabase];
        Assert.Superset(expected.ToHashSet(), platform.ResourceNames.ToHashSet());

        foreach (var name in platform.ResourceNames)
        {
            Assert.True(platform.App.ResourceNotifications.TryGetCurrentState(name, out var state), $"{name} has no state");
            Assert.Equal(HealthStatus.Healthy, state.Snapshot.HealthStatus);
        }
    }

    [Fact]
    public async Task A_service_reports_its_own_dependencies_in_its_readiness_endpoint()
    {
        using var http = platform.CreateHttpClient(Contracts.ResourceNames.NotificationsApi);
        using var health = await http.GetAsync("/health");
        using var alive = await http.GetAsync("/alive");

        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        Assert.Equal(System.Net.HttpStatusCode.OK, alive.StatusCode);
    }
}
