using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NotificationAspire.Contracts.Recipients;
using Preferences.Api.Data;

namespace Preferences.Api.DeliveryProfiles;

/// <summary>
/// `GET /api/recipients/{userId}/delivery-profile?category={key}`: the worker's question at every attempt. Always
/// 200: what does not exist is null (or an empty list), never 404, so the worker can tell "no profile" from "service
/// unreachable".
/// </summary>
public static class DeliveryProfileQuery
{
    public static async Task<Ok<DeliveryProfile>> GetAsync(string userId, string? category, PreferencesDbContext db, CancellationToken ct)
    {
        var key = string.IsNullOrEmpty(category) ? NotificationCategories.General : category;
        var json = (await db.Database.SqlQuery<string>(DeliveryProfileSql.For(userId, key)).ToListAsync(ct)).Single();
        return TypedResults.Ok(JsonSerializer.Deserialize<DeliveryProfile>(json, JsonSerializerOptions.Web)!);
    }

    /// <summary>The worker asks this at every attempt with a 2 s budget; the statement is planned before the first one.</summary>
    public static async Task WarmUpAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        await GetAsync("warm-up", null, scope.ServiceProvider.GetRequiredService<PreferencesDbContext>(), ct);
    }
}
