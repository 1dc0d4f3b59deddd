using Delivery.Worker.Providers;
using Delivery.Worker.Providers.Protection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NotificationAspire.Contracts.Events;

namespace Delivery.Worker.Tests.Providers.Protection;

/// <summary>
/// Protection as the worker registers it: a scripted email provider, <c>AddProviderProtection</c> and a
/// manual clock, with `Delivery:Protection` settings given per test.
/// </summary>
internal sealed class ProtectionHarness : IDisposable
{
    private readonly ServiceProvider services;
    private int sends;

    public ProtectionHarness(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create($"{ProviderProtectionOptions.SectionName}:{s.Key}", (string?)s.Value)))
            .Build();
        var collection = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(Time)
            .AddSingleton<IChannelProvider>(Email);
        collection.AddProviderProtection(configuration);
        services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Protected = services.GetServices<IChannelProvider>().Single();
    }

    /// <summary>Moves only when a test says so.</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

    public ScriptedProvider Email { get; } = new(Channels.Email);

    /// <summary>The email provider as the processor sees it.</summary>
    public IChannelProvider Protected { get; }

    public IServiceProvider Services => services;

    public Task<ChannelSendResult> SendAsync(string contact = "alice@example.com", CancellationToken cancellationToken = default) =>
        Protected.SendAsync(new OutgoingMessage($"delivery-{Interlocked.Increment(ref sends)}", contact, "Your order shipped", "It is on its way."), cancellationToken);

    public void Dispose() => services.Dispose();
}
