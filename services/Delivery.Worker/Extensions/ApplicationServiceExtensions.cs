using Delivery.Worker.Composing;
using Delivery.Worker.Data;
using Delivery.Worker.Delivering;
using Delivery.Worker.Digesting;
using Delivery.Worker.Holding;
using Delivery.Worker.Providers;
using Delivery.Worker.Providers.Email;
using Delivery.Worker.Providers.Failover;
using Delivery.Worker.Providers.InApp;
using Delivery.Worker.Providers.Protection;
using Delivery.Worker.Providers.Push;
using Delivery.Worker.Providers.Sms;
using Delivery.Worker.Providers.StateReports;
using Delivery.Worker.Providers.Webhook;
using Delivery.Worker.Recipients;
using Delivery.Worker.Throttling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NotificationAspire.Contracts;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Contracts.Recipients;
using NotificationAspire.Messaging;
using NotificationAspire.Persistence;
using NotificationAspire.Templating;

namespace Delivery.Worker.Extensions;

public static class ApplicationServiceExtensions
{
    /// <summary>
    /// Long enough for an in-flight send to reach its SMTP timeout and be recorded before the host gives up
    /// on the consumers (the default is 30 seconds, the same as the wait for a message's end, Email:DataTimeout).
    /// </summary>
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(45);

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformDbContext<DeliveryDbContext>(ResourceNames.DeliveryDatabase);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);

        builder.AddEmailProvider();
        builder.AddSmsProviders();
        builder.AddWebPush();
        builder.AddWebhookChannel();
        builder.Services.AddSingleton<IChannelProvider, InboxProvider>();
        // After every provider is registered: it wraps them in circuit breakers and rate limits (Deferred sends).
        builder.Services.AddProviderProtection(builder.Configuration);
        builder.Services.AddChannelProviders(builder.Configuration);
        // Each provider's breaker, as this replica sees it, for operators (GET /api/providers on inbox-api).
        builder.AddProviderStateReports();

        builder.AddRetryOptions();
        builder.Services.AddSingleton<RetrySchedule>();
        builder.Services.AddSingleton<DispatchPublisher>();
        builder.Services.AddScoped<AttemptOutcomeRecorder>();

        // Who each person is, what they want, and the message in their language: looked up at every attempt.
        builder.AddRecipientDirectory();
        builder.AddMessageComposer();
        builder.Services.AddScoped<DeliveryPlanner>();
        builder.Services.AddScoped<DeliveryHolds>();
        builder.Services.AddHostedService<HeldDeliveryReleaser>();
        builder.Services.AddScoped<DigestCollector>();
        builder.Services.AddScoped<DigestSettlement>();
        builder.Services.AddScoped<DigestCancellations>();
        builder.Services.AddHostedService<DigestReleaser>();
        builder.Services.AddOptions<ThrottleOptions>().BindConfiguration(ThrottleOptions.SectionName)
            .Validate(o => o.Categories.Values.All(t => t.Limit > 0 && t.Period > TimeSpan.Zero),
                $"{ThrottleOptions.SectionName}:Categories:*: Limit and Period must be positive.")
            .ValidateOnStart();
        builder.Services.AddScoped<DeliveryThrottle>();

        builder.AddConsumerGroup(ConsumerGroups.DeliveryRequests)
            .AddSubscription<NotificationRequested, RequestFanOut>()
            .AddSubscription<NotificationCancelled, CancellationRecorder>();
        // First attempts and retries are the same work in groups of their own, so a backlog of retries never
        // holds up first attempts; a retry is read when its NotBefore comes (its partition waits until then).
        builder.AddConsumerGroup(ConsumerGroups.DeliveryDispatch).AddSubscription<DeliveryDispatched, DeliveryProcessor>();
        builder.AddConsumerGroup(ConsumerGroups.DeliveryRetries).AddSubscription<DeliveryDispatched, DeliveryProcessor>();
        return builder;
    }

    /// <summary>`Delivery:Retry`, checked at startup: a bad delay should stop the worker, not the first retry.</summary>
    private static void AddRetryOptions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DeliveryRetryOptions>()
            .BindConfiguration(DeliveryRetryOptions.SectionName)
            .PostConfigure(o =>
            {
                if (o.Delays.Count == 0)
                {
                    o.Delays = [.. DeliveryRetryOptions.DefaultDelays];
                }
            })
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DeliveryRetryOptions>, DeliveryRetryOptionsValidator>();
    }

    /// <summary>Templates rendered per person, and the signed unsubscribe links (key and public URL checked at startup).</summary>
    private static void AddMessageComposer(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<UnsubscribeOptions>().BindConfiguration(UnsubscribeOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.SigningKey is null || o.SigningKey.Length >= UnsubscribeToken.MinKeyLength,
                $"{UnsubscribeOptions.SectionName}:SigningKey must be a secret of at least {UnsubscribeToken.MinKeyLength} characters.")
            .ValidateOnStart();
        builder.Services.AddSingleton<UnsubscribeLinks>();
        builder.Services.AddSingleton<TemplateRenderer>();
        builder.Services.AddSingleton<MessageComposer>();
    }

    /// <summary>SMTP from the `mail` connection string; the From address checked at startup, not at the first send.</summary>
    private static void AddEmailProvider(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(SmtpEndpoint.Parse(ResourceNames.Mail, builder.Configuration.GetConnectionString(ResourceNames.Mail)));
        builder.Services.AddOptions<EmailOptions>()
            .BindConfiguration(EmailOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => EmailAddresses.TryParse(o.From, out _), $"{EmailOptions.SectionName}:From is not an email address.")
            // One slow step and a slow verdict must fit in a send's budget, or the budget would cut a live server's late 250.
            .Validate<IOptions<DeliveryRetryOptions>>((o, retry) => o.CommandTimeout + o.DataTimeout < retry.Value.SendBudget,
                $"{EmailOptions.SectionName}:CommandTimeout plus {EmailOptions.SectionName}:DataTimeout must be shorter than four fifths of {DeliveryRetryOptions.SectionName}:SendingLease (the send budget).")
            .ValidateOnStart();
        builder.Services.AddSingleton<SmtpConnectionPool>();
        builder.Services.AddSingleton<IChannelProvider, SmtpEmailProvider>();
    }
}
