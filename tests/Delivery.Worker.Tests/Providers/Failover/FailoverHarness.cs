using Delivery.Worker.Providers;
using Delivery.Worker.Providers.Failover;
using Delivery.Worker.Providers.Protection;
using Delivery.Worker.Tests.Providers.Protection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Delivery.Worker.Tests.Providers.Failover;

/// <summary>
/// Two scripted SMS providers registered the way the worker registers its own (protection, then the ordered
/// channels), on a manual clock; settings are `Delivery:*` keys given per test.
/// </summary>
internal sealed class FailoverHarness : IDisposable
{
    private readonly ServiceProvider services;
    private int sends;

    public FailoverHarness(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create($"Delivery:{s.Key}", (string?)s.Value)))
            .Build();
        var collection = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(Time)
            .AddSingleton<IChannelProvider>(Twilio)
            .AddSingleton<IChannelProvider>(Vonage);
        collection.AddProviderProtection(configuration);
        collection.AddChannelProviders(configuration);
        services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    public ScriptedProvider Twilio { get; } = new("sms", "twilio");

    public ScriptedProvider Vonage { get; } = new("sms", "vonage");

    /// <summary>Throws <see cref="Microsoft.Extensions.Options.OptionsValidationException"/> for a bad order, as the worker's start would.</summary>
    public ChannelProviderOptions Options => services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ChannelProviderOptions>>().Value;

    /// <summary>The SMS channel as the processor sees it.</summary>
    public IChannelProvider Sms => services.GetRequiredService<ChannelProviders>().For("sms")!;

    public Task<ChannelSendResult> SendAsync(string contact = "+4915112345678") =>
        Sms.SendAsync(new OutgoingMessage($"delivery-{Interlocked.Increment(ref sends)}", contact, "", "Your code is 123456"), CancellationToken.None);

    public void Dispose() => services.Dispose();
}
