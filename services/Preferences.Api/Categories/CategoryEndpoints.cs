using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NotificationAspire.Contracts.Recipients;
using NotificationAspire.Http;
using Preferences.Api.Data;
using Preferences.Api.Model;

namespace Preferences.Api.Categories;

/// <summary>Categories as data: anyone signed in lists them (to build a preferences page); operators change them.</summary>
public static class CategoryEndpoints
{
    public static async Task<Ok<List<NotificationCategory>>> ListAsync(PreferencesDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Categories.AsNoTracking().OrderBy(c => c.Key)
            .Select(c => new NotificationCategory(c.Key, c.Name, c.DefaultChannels, c.Critical)).ToListAsync(ct));

    public static async Task<Results<Created<NotificationCategory>, Ok<NotificationCategory>, ValidationProblem, ProblemHttpResult>> PutAsync(
        string key, HttpRequest http, PreferencesDbContext db, CancellationToken ct)
    {
        if (!CategoryRules.IsKey(key))
        {
            return FieldErrors.Single("key", CategoryRules.KeyMessage);
        }
        var body = await RequestBodyReader.ReadAsync<CategoryRequest>(http, ct);
        if (body.Invalid is { } invalid)
        {
            return invalid;
        }
        if (body.Refused is { } refused)
        {
            return refused;
        }
        var errors = new FieldErrors();
        if (CategoryRules.Validate(body.Value!, errors) is not { } fields)
        {
            return errors.ToProblem();
        }
        var (name, channels, critical) = fields;
        var created = await db.WriteAsync(async token =>
        {
            var category = await db.Categories.FirstOrDefaultAsync(c => c.Key == key, token);
            if (category is null)
            {
                db.Categories.Add(new Category { Key = key, Name = name, DefaultChannels = channels, Critical = critical });
                return true;
            }
            (category.Name, category.DefaultChannels, category.Critical) = (name, channels, critical);
            return false;
        }, ct);
        var view = new NotificationCategory(key, name, channels, critical);
        return created ? TypedResults.Created($"/api/categories/{key}", view) : TypedResults.Ok(view);
    }

    /// <summary>Idempotent; the people's choices for the category go with it. `general` stays: sends without a category need it.</summary>
    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteAsync(string key, PreferencesDbContext db, CancellationToken ct)
    {
        if (!CategoryRules.IsKey(key))
        {
            return FieldErrors.Single("key", CategoryRules.KeyMessage);
        }
        if (key == NotificationCategories.General)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The general category cannot be deleted",
                detail: "Sends that name no category belong to it.", extensions: new Dictionary<string, object?> { ["field"] = "key" });
        }
        await db.Categories.Where(c => c.Key == key).ExecuteDeleteAsync(ct);
        return TypedResults.NoContent();
    }
}
