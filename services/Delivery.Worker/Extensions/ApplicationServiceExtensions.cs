using Delivery.Worker.Consumers;
using Delivery.Worker.Data;
using Delivery.Worker.Delivering;
using Delivery.Worker.Providers;
using Delivery.Worker.Providers.Email;
using Microsoft.EntityFrameworkCore;
using NotificationAspire.Contracts;

namespace Delivery.Worker.Extensions;

public static class ApplicationServiceExtensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<DeliveryDbContext>(ResourceNames.DeliveryDatabase);
        builder.Services.AddSingleton(TimeProvider.System);

        builder.AddEmailProvider();
        builder.Services.AddScoped<DeliveryProcessor>();
        builder.Services.AddHostedService<NotificationRequestsConsumer>();
        return builder;
    }

    /// <summary>SMTP from the `mail` connection string; the From address checked at startup, not at the first send.</summary>
    private static void AddEmailProvider(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(SmtpEndpoint.Parse(ResourceNames.Mail, builder.Configuration.GetConnectionString(ResourceNames.Mail)));
        builder.Services.AddOptions<EmailOptions>()
            .BindConfiguration(EmailOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => EmailAddresses.TryParse(o.From, out _), $"{EmailOptions.SectionName}:From is not an email address.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IChannelProvider, SmtpEmailProvider>();
    }

    /// <summary>The service owns its schema: migrations run before the consumer starts.</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DeliveryDbContext>();
        await db.Database.MigrateAsync();
    }
}
