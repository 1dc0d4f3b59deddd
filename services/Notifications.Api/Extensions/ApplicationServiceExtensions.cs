using Microsoft.Extensions.DependencyInjection.Extensions;
using NotificationAspire.Contracts;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Messaging;
using NotificationAspire.Outbox;
using NotificationAspire.Persistence;
using Notifications.Api.Data;
using Notifications.Api.DeadLetters;
using Notifications.Api.Recovery;
using Notifications.Api.Sending;
using Notifications.Api.Status;
using Notifications.Api.Templates;
using Notifications.Api.Topics;
using Notifications.Api.Webhooks;
using NotificationAspire.Templating;

namespace Notifications.Api.Extensions;

public static class ApplicationServiceExtensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformDbContext<NotificationsDbContext>(ResourceNames.NotificationsDatabase);
        builder.AddKafkaMessaging(ResourceNames.Kafka, ResourceNames.NotificationsApi);

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<TemplateRenderer>();
        builder.Services.AddScoped<TemplateStore>();
        builder.AddOutbox<NotificationsDbContext>();
        builder.Services.AddScoped<NotificationAcceptance>();
        builder.AddConsumerGroup(ConsumerGroups.NotificationStatus).AddSubscription<DeliveryStatusChanged, DeliveryStatusProjector>();
        builder.AddConsumerGroup(ConsumerGroups.DeadLetters).AddFallback<DeadLetterRecorder>();
        builder.Services.AddScoped<DeadLetterReplay>();
        builder.Services.AddOptions<ReconcilerOptions>().BindConfiguration("Reconciler")
            .Validate(o => o.StuckAfter > TimeSpan.Zero && o.Interval > TimeSpan.Zero, "Reconciler times must be positive.").ValidateOnStart();
        builder.Services.AddHostedService<StuckNotificationReconciler>();
        builder.AddStatusWebhooks();
        builder.AddTopics();
        return builder;
    }
}
