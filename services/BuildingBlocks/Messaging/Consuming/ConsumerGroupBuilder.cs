using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using NotificationAspire.Contracts;
using NotificationAspire.Contracts.Events;

namespace NotificationAspire.Messaging;

/// <summary>
/// Declares what one consumer group handles, one line per event type:
/// `builder.AddConsumerGroup(ConsumerGroups.DeliveryRequests).AddSubscription&lt;NotificationRequested, RequestFanOut&gt;()`.
/// </summary>
public sealed class ConsumerGroupBuilder
{
    private readonly IServiceCollection _services;
    private readonly List<Subscription> _subscriptions;

    internal ConsumerGroupBuilder(IServiceCollection services, List<Subscription> subscriptions)
    {
        _services = services;
        _subscriptions = subscriptions;
    }

    public ConsumerGroupBuilder AddSubscription<TEvent, THandler>()
        where TEvent : IIntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        _services.TryAddScoped<THandler>();
        _subscriptions.Add(Subscription.For<TEvent, THandler>());
        return this;
    }

    /// <summary>Every record no typed subscription of the group takes, whatever its type (see <see cref="IEnvelopeHandler"/>).</summary>
    public ConsumerGroupBuilder AddFallback<THandler>() where THandler : class, IEnvelopeHandler
    {
        _services.TryAddScoped<THandler>();
        _subscriptions.Add(Subscription.Fallback<THandler>());
        return this;
    }
}

public static class ConsumerGroupExtensions
{
    /// <summary>A member of the group in this service: one consumer host reading the group's topics.</summary>
    public static ConsumerGroupBuilder AddConsumerGroup(this IHostApplicationBuilder builder, ConsumerGroup group)
    {
        var subscriptions = new List<Subscription>();
        builder.Services.AddSingleton<IHostedService>(services => ActivatorUtilities.CreateInstance<ConsumerGroupHost>(services, group, subscriptions));
        return new ConsumerGroupBuilder(builder.Services, subscriptions);
    }
}
