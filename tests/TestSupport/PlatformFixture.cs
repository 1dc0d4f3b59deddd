using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NotificationAspire.Contracts;

namespace NotificationAspire.TestSupport;

/// <summary>
/// The whole platform, started once for every test in a collection (the test assembly's `PlatformCollection`):
/// local mode (no container engine needed), a data folder of its own that is removed afterwards. A collection
/// that needs the platform configured differently derives from it and adds to <see cref="AppHostArguments"/>.
/// </summary>
public class PlatformFixture : IAsyncLifetime
{
    public static readonly TimeSpan StartupDeadline = TimeSpan.FromMinutes(3);

    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "notificationaspire-tests", Guid.NewGuid().ToString("N")[..12]);

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>This platform's resource logs, once it has started.</summary>
    public ResourceLogRecorder? Logs { get; private set; }

    /// <summary>Names of every resource the AppHost models, except parameters and the hidden rebuild helpers.</summary>
    public IReadOnlyList<string> ResourceNames { get; private set; } = [];

    /// <summary>The budget of <see cref="ServiceAccounts.ShortLivedProbe"/> at the gateway: a burst past it must be a 429.</summary>
    public const int ProbeRequestBudget = 5;

    /// <summary>
    /// The AppHost's command line: local mode, this fixture's own data folder, a tiny rate limit for the one
    /// client no other test calls with, so a test can see a 429 without any other caller getting near its budget,
    /// and the webhook receivers' address allow-listed.
    /// </summary>
    protected virtual IEnumerable<string> AppHostArguments() =>
    [
        "--Infrastructure:Mode=local", $"--Infrastructure:LocalDataPath={_dataPath}",
        $"--RateLimiting:Clients:{ServiceAccounts.ShortLivedProbe}:TokenLimit={ProbeRequestBudget}",
        $"--RateLimiting:Clients:{ServiceAccounts.ShortLivedProbe}:TokensPerPeriod=1",
        $"--RateLimiting:Clients:{ServiceAccounts.ShortLivedProbe}:ReplenishmentPeriod=00:05:00",
        // Status webhooks reach the tests' receiver on this one loopback address only (127.0.0.1 stays refused),
        // over plain http, retried after a second rather than five, abandoned after 3 attempts rather than 12.
        $"--ServiceSettings:{Contracts.ResourceNames.NotificationsApi}:Webhooks:AllowedNetworks:0={WebhookReceiverAddress}/32",
        $"--ServiceSettings:{Contracts.ResourceNames.NotificationsApi}:Webhooks:AllowPlainHttp=true",
        $"--ServiceSettings:{Contracts.ResourceNames.NotificationsApi}:Webhooks:FirstRetryDelay=00:00:01",
        $"--ServiceSettings:{Contracts.ResourceNames.NotificationsApi}:Webhooks:MaxAttempts={WebhookMaxAttempts}",
        // The webhook channel likewise: people register endpoints on the receiver's address over plain http, the worker reaches it.
        $"--ServiceSettings:{Contracts.ResourceNames.PreferencesApi}:Webhooks:AllowedNetworks:0={WebhookReceiverAddress}/32",
        $"--ServiceSettings:{Contracts.ResourceNames.PreferencesApi}:Webhooks:AllowPlainHttp=true",
        $"--ServiceSettings:{Contracts.ResourceNames.DeliveryWorker}:Webhooks:AllowedNetworks:0={WebhookReceiverAddress}/32",
        // An SMS provider's breaker opens within a few texts to one person (who may get 5 a minute) and probes again soon;
        // the same values as the fault-injection platform's breaker, so that platform's SMS behaves as before.
        $"--ServiceSettings:{Contracts.ResourceNames.DeliveryWorker}:Delivery:Protection:Channels:sms:BreakerFailureThreshold={SmsBreakerFailureThreshold}",
        $"--ServiceSettings:{Contracts.ResourceNames.DeliveryWorker}:Delivery:Protection:Channels:sms:BreakDuration={SmsBreakDuration:c}",
        // Throttles on categories of the throttle tests' own (they create them): one drops, one collects in a short digest.
        $"--ServiceSettings:{Contracts.ResourceNames.DeliveryWorker}:Delivery:Throttle:Categories:{ThrottledDropCategory}:Limit=2",
        $"--ServiceSettings:{Contracts.ResourceNames.DeliveryWorker}:Delivery:Throttle:Categories:{ThrottledDropCategory}:Period=00:10:00",
        $"--ServiceSettings:{Contracts.ResourceNames.DeliveryWorker}:Delivery:Throttle:Categories:{ThrottledDropCategory}:Excess=Drop",
        $"--ServiceSettings:{Contracts.ResourceNames.DeliveryWorker}:Delivery:Throttle:Categories:{ThrottledDigestCategory}:Limit=1",
        $"--ServiceSettings:{Contracts.ResourceNames.DeliveryWorker}:Delivery:Throttle:Categories:{ThrottledDigestCategory}:Period=00:00:08",
        $"--ServiceSettings:{Contracts.ResourceNames.DeliveryWorker}:Delivery:Throttle:Categories:{ThrottledDigestCategory}:Excess=Digest",
    ];

    /// <summary>A category the worker lets reach a person twice per 10 minutes on a channel, dropping the rest.</summary>
    public const string ThrottledDropCategory = "e2e-throttle-drop";

    /// <summary>A category the worker lets reach a person once per 8 seconds on a channel, collecting the rest in a digest.</summary>
    public const string ThrottledDigestCategory = "e2e-throttle-digest";

    /// <summary>Transient failures in a row that open an SMS provider's breaker on this platform (5 in production).</summary>
    public const int SmsBreakerFailureThreshold = 3;

    /// <summary>How long an open SMS breaker keeps its provider uncalled on this platform (30 s in production).</summary>
    public static readonly TimeSpan SmsBreakDuration = TimeSpan.FromSeconds(2);

    /// <summary>The address the webhook receivers of the tests listen on: loopback, but not 127.0.0.1.</summary>
    public const string WebhookReceiverAddress = "127.0.0.2";

    /// <summary>Attempts a status webhook gets on this platform before it is abandoned.</summary>
    public const int WebhookMaxAttempts = 3;

    public async Task InitializeAsync()
    {
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.NotificationAspire_AppHost>(
            AppHostArguments().ToArray(),
            (options, _) => options.DisableDashboard = true);
        // With the dashboard off nothing receives telemetry, yet Aspire still gives every service an OTLP endpoint:
        // its exporters would keep failing to send, and flushing them on shutdown held services past the AppHost's
        // stop wait. (Runs after Aspire's own environment callback, which was added with the project.)
        foreach (var project in appHost.Resources.OfType<ProjectResource>())
        {
            appHost.CreateResourceBuilder(project).WithEnvironment(context => context.EnvironmentVariables.Remove("OTEL_EXPORTER_OTLP_ENDPOINT"));
        }
        appHost.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        appHost.Services.ConfigureHttpClientDefaults(http => http.ConfigureHttpClient(c => c.Timeout = TimeSpan.FromSeconds(30)));

        App = await appHost.BuildAsync();
        ResourceNames = appHost.Resources.Where(r => r is not ParameterResource && !IsHidden(r)).Select(r => r.Name).ToList();
        using var deadline = new CancellationTokenSource(StartupDeadline);
        // Recording from before the start, so a service that fails while starting leaves its console output behind.
        Logs = new ResourceLogRecorder(App, $"{GetType().Name}-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
        Logs.Record([.. ResourceNames]);
        try
        {
            await App.StartAsync(deadline.Token);
            await Task.WhenAll(ResourceNames.Select(name => App.ResourceNotifications.WaitForResourceHealthyAsync(name, deadline.Token)));
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"The platform was not healthy within {StartupDeadline}:\n{DescribeResources()}");
        }
    }

    // Aspire adds a hidden, never-started "rebuilder" beside each project (the dashboard's Rebuild command);
    // its type is internal, so it is known by name.
    private static bool IsHidden(IResource resource) => resource.GetType().Name == "ProjectRebuilderResource";

    /// <summary>Each resource's state and failing health checks: what a developer would look up in the dashboard.</summary>
    private string DescribeResources() => string.Join('\n', ResourceNames.Select(name =>
    {
        if (!App.ResourceNotifications.TryGetCurrentState(name, out var current))
        {
            return $"{name}: no state";
        }
        var snapshot = current.Snapshot;
        var failing = snapshot.HealthReports.Where(r => r.Status != Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy)
            .Select(r => $"{r.Name}={r.Status} {r.Description} {r.ExceptionText?.Split('\n')[0]}");
        return $"{name}: {snapshot.State?.Text} health={snapshot.HealthStatus} {string.Join("; ", failing)}";
    }));

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.StopAsync();
            if (Logs is not null)
            {
                await Logs.DisposeAsync();
            }
            await App.DisposeAsync();
        }
        try
        {
            Directory.Delete(_dataPath, recursive: true);
        }
        catch (IOException)
        {
            // A straggling postgres may still hold a file; the OS temp cleaner gets the rest.
        }
    }

    public async Task<string> ParameterValueAsync(string name)
    {
        var model = App.Services.GetRequiredService<DistributedApplicationModel>();
        var parameter = model.Resources.OfType<ParameterResource>().Single(p => p.Name == name);
        return await parameter.GetValueAsync(CancellationToken.None)
            ?? throw new InvalidOperationException($"Parameter {name} has no value.");
    }

    public HttpClient CreateHttpClient(string resourceName, string endpointName = "http") =>
        App.CreateHttpClient(resourceName, endpointName);

    public Uri IdentityRealmUri => new(App.GetEndpoint(Contracts.ResourceNames.Identity, "http"), $"realms/{IdentityRealm.Name}/");
}
