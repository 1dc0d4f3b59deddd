using Inbox.Api.Center;
using Inbox.Api.Data;
using Inbox.Api.GraphQL;
using Inbox.Api.Inbox;
using Inbox.Api.Live;
using Inbox.Api.Projection;
using Inbox.Api.Providers;
using Inbox.Api.Timeline;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NotificationAspire.Contracts;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Messaging;
using NotificationAspire.Persistence;

namespace Inbox.Api.Extensions;

public static class ApplicationServiceExtensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // Counted per GraphQL request (its Server-Timing header): what a query costs the database is visible to clients and tests.
        builder.AddPlatformDbContext<InboxDbContext>(ResourceNames.InboxDatabase, o => o.AddInterceptors(new SqlStatementCount()));
        builder.AddKafkaMessaging(ResourceNames.Kafka, ResourceNames.InboxApi);
        builder.Services.TryAddSingleton(TimeProvider.System);

        // The read side is fed by events only: requests (who sent what), delivery status, in-app messages.
        builder.Services.AddScoped<ProjectionRun>();
        builder.AddConsumerGroup(ConsumerGroups.InboxProjection)
            .AddSubscription<NotificationRequested, InboxProjector>()
            .AddSubscription<DeliveryStatusChanged, InboxProjector>()
            .AddSubscription<InAppMessageDelivered, InboxProjector>();
        builder.Services.AddSingleton<ProjectionRebuild>();

        // The workers' reports on their providers: a group of its own, untouched by a rebuild of the projection.
        builder.AddConsumerGroup(ConsumerGroups.ProviderStates).AddSubscription<ProviderStateReported, ProviderStateProjector>();
        builder.Services.AddOptions<ProviderStateOptions>().BindConfiguration(ProviderStateOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        builder.Services.AddScoped<InboxQueries>();
        builder.Services.AddScoped<InboxMarks>();
        builder.Services.AddScoped<TimelineQueries>();
        builder.Services.AddSingleton<InboxChanges>();
        builder.Services.AddHostedService<ItemNotificationListener>();
        builder.AddNotificationCenter();
        builder.AddInboxGraphQL();
        return builder;
    }
}
