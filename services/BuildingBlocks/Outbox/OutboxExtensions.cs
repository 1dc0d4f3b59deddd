using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace NotificationAspire.Outbox;

/// <summary>
/// One call gives a service the outbox on its DbContext: <see cref="IOutbox"/> for its handlers, the signal on
/// commit, and the relay. The DbContext maps the table with <see cref="MapOutbox"/>.
/// </summary>
public static class OutboxExtensions
{
    public const string TableName = "outbox";

    public static IHostApplicationBuilder AddOutbox<TContext>(this IHostApplicationBuilder builder) where TContext : DbContext
    {
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<OutboxCommitInterceptor>();
        builder.Services.ConfigureDbContext<TContext>((services, options) => options.AddInterceptors(services.GetRequiredService<OutboxCommitInterceptor>()));
        builder.Services.AddScoped<IOutbox, EfCoreOutbox<TContext>>();
        builder.Services.AddHostedService<OutboxRelay<TContext>>();
        return builder;
    }

    /// <summary>The outbox table in the service's schema (its migrations create it).</summary>
    public static ModelBuilder MapOutbox(this ModelBuilder model)
    {
        model.Entity<OutboxMessage>(o =>
        {
            o.ToTable(TableName);
            o.HasKey(x => x.Id);
            o.Property(x => x.AggregateType).HasMaxLength(200);
            o.Property(x => x.AggregateId).HasMaxLength(200);
            o.Property(x => x.EventType).HasMaxLength(200);
            o.Property(x => x.Payload).HasColumnType("jsonb");
            o.Property(x => x.TraceParent).HasMaxLength(100);
            // The relay reads the oldest first.
            o.HasIndex(x => x.CreatedAt);
        });
        return model;
    }
}
