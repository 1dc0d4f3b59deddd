using Npgsql;
using NotificationAspire.Persistence;

namespace BuildingBlocks.Tests.Persistence;

/// <summary>The contexts' connections go back to the pool without a `DISCARD ALL`, and keep everything else they were given.</summary>
public sealed class PooledConnectionTests
{
    private const string Given = "Host=127.0.0.1;Port=5433;Database=deliverydb;Username=postgres;Maximum Pool Size=40";

    [Fact]
    public void A_context_connection_is_not_reset_when_it_goes_back_to_the_pool()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PlatformDbContextExtensions.ForPooledContexts(Given));

        Assert.True(tuned.NoResetOnClose);
    }

    [Fact]
    public void Everything_else_in_the_connection_string_stays_as_given()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PlatformDbContextExtensions.ForPooledContexts(Given));

        Assert.Equal(("127.0.0.1", 5433, "deliverydb", "postgres", 40), (tuned.Host, tuned.Port, tuned.Database, tuned.Username, tuned.MaxPoolSize));
    }

    [Fact]
    public void A_missing_connection_string_stays_missing_for_Aspire_to_report()
    {
        Assert.Null(PlatformDbContextExtensions.ForPooledContexts(null));
    }
}
