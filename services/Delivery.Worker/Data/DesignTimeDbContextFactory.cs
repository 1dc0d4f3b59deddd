using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Delivery.Worker.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without the AppHost's configuration.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<DeliveryDbContext>
{
    public DeliveryDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<DeliveryDbContext>().UseNpgsql("Host=design-time-only").Options);
}
