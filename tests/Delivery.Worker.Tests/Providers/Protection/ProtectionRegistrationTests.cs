using System.Diagnostics.Metrics;
using Delivery.Worker.Providers;
using Delivery.Worker.Providers.Protection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Delivery.Worker.Tests.Providers.Protection;

public sealed class ProtectionRegistrationTests
{
    [Theory]
    [InlineData("BreakerFailureThreshold", "0", "Delivery:Protection:BreakerFailureThreshold")]
    [InlineData("BreakDuration", "00:00:00", "Delivery:Protection:BreakDuration")]
    [InlineData("ProviderPermitsPerSecond", "0", "Delivery:Protection:ProviderPermitsPerSecond")]
    [InlineData("Channels:email:RecipientPermitsPerMinute", "-1", "Delivery:Protection:Channels:email:RecipientPermitsPerMinute")]
    [InlineData("Channels:emial:RecipientPermitsPerMinute", "5", "Delivery:Protection:Channels:emial names no supported channel")]
    public void Settings_out_of_range_stop_the_worker_at_startup_naming_the_key(string key, string value, string expected)
    {
        using var services = Build(new Dictionary<string, string?> { [$"Delivery:Protection:{key}"] = value });

        // What the host runs before starting hosted services when options are ValidateOnStart.
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(error.Failures, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        using var services = Build([]);

        services.GetRequiredService<IStartupValidator>().Validate();

        var email = services.GetRequiredService<IOptions<ProviderProtectionOptions>>().Value.For("email");
        Assert.Equal(new ProtectionLimits(5, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(30), 50, 10), email);
    }

    [Fact]
    public async Task Registering_twice_wraps_each_provider_once()
    {
        var inner = new ScriptedProvider("email");
        var collection = new ServiceCollection().AddLogging().AddScoped<IChannelProvider>(_ => inner);
        var configuration = new ConfigurationBuilder().Build();
        collection.AddProviderProtection(configuration).AddProviderProtection(configuration);
        using var services = collection.BuildServiceProvider();

        // Wrapped twice, every send would take two of the contact's ten permits a minute.
        for (var i = 0; i < 10; i++)
        {
            using var scope = services.CreateScope();
            var provider = Assert.Single(scope.ServiceProvider.GetServices<IChannelProvider>());
            Assert.NotSame(inner, provider);
            Assert.IsType<ChannelSendResult.Accepted>(await provider.SendAsync(new OutgoingMessage($"k{i}", "alice@example.com", "s", "b"), default));
        }
        Assert.Equal(10, inner.Calls);
    }

    [Fact]
    public async Task Deferrals_are_counted_by_reason()
    {
        using var harness = new ProtectionHarness(("RecipientPermitsPerMinute", "1"));
        var meterFactory = harness.Services.GetRequiredService<IMeterFactory>();
        var counted = new List<(long Value, string? Reason)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == meterFactory && instrument.Name == "deliveries_deferred")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            counted.Add((value, tags.ToArray().Single(t => t.Key == "reason").Value as string)));
        listener.Start();

        await harness.SendAsync();
        await harness.SendAsync();

        Assert.Equal([(1L, DeferralReasons.RecipientRateLimit)], counted);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var collection = new ServiceCollection().AddLogging().AddSingleton<IChannelProvider>(new ScriptedProvider("email"));
        return collection.AddProviderProtection(configuration).BuildServiceProvider();
    }
}
