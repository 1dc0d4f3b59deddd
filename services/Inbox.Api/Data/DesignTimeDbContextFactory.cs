using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Inbox.Api.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without the AppHost's configuration.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<InboxDbContext>
{
    public InboxDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<InboxDbContext>().UseNpgsql("Host=design-time-only").Options);
}
