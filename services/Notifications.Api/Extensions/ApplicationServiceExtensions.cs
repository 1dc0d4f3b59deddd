using Microsoft.EntityFrameworkCore;
using Notifications.Api.Data;
using NotificationAspire.Contracts;

namespace Notifications.Api.Extensions;

public static class ApplicationServiceExtensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<NotificationsDbContext>(ResourceNames.NotificationsDatabase);
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary>The service owns its schema: migrations run before it takes traffic.</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        await db.Database.MigrateAsync();
    }
}
