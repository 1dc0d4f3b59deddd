using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Preferences.Api.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without the AppHost's configuration.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PreferencesDbContext>
{
    public PreferencesDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PreferencesDbContext>().UseNpgsql("Host=design-time-only").Options);
}
