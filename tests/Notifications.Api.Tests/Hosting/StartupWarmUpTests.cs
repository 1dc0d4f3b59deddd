using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Notifications.Api.Tests.Hosting;

/// <summary>ServiceDefaults' warm-up: before any hosted service starts, and never a reason not to start.</summary>
public sealed class StartupWarmUpTests
{
    [Fact]
    public async Task Warm_up_steps_run_in_order_before_hosted_services_start_and_a_failing_one_does_not_stop_the_host()
    {
        var events = new List<string>();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddHostedService(_ => new RecordsItsStart(events));
        builder.Services.AddWarmUp("first", (_, _) => { events.Add("first"); return Task.CompletedTask; });
        builder.Services.AddWarmUp("broken", (_, _) => throw new InvalidOperationException("identity is down"));
        builder.Services.AddWarmUp("last", async (_, ct) => { await Task.Yield(); events.Add("last"); });
        using var host = builder.Build();

        await host.StartAsync(CancellationToken.None);
        await host.StopAsync(CancellationToken.None);

        Assert.Equal(["first", "last", "hosted service started"], events);
    }

    private sealed class RecordsItsStart(List<string> events) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            events.Add("hosted service started");
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
