using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Notifications.Api.Data;

namespace Notifications.Api.Templates;

/// <summary>The template handlers: list, read, save a version, preview (routes in Apis/TemplatesApi).</summary>
public static class TemplateEndpoints
{
    public static async Task<Ok<List<TemplateSummary>>> ListAsync(NotificationsDbContext db, CancellationToken ct)
    {
        var templates = await db.Templates.AsNoTracking().OrderBy(t => t.Key).ToListAsync(ct);
        return TypedResults.Ok(templates.Select(TemplateSummary.From).ToList());
    }

    public static async Task<Results<Ok<TemplateDetails>, NotFound>> GetAsync(string key, NotificationsDbContext db, TemplateStore store, CancellationToken ct)
    {
        var template = await db.Templates.AsNoTracking().FirstOrDefaultAsync(t => t.Key == key, ct);
        if (template is null || await store.FindVersionAsync(key, template.CurrentVersion, ct) is not { } current)
        {
            return TypedResults.NotFound();
        }
        var versions = await db.TemplateVersions.AsNoTracking().Where(v => v.TemplateKey == key).OrderByDescending(v => v.Version)
            .Select(v => new VersionSummary(v.Version, v.CreatedAt, v.CreatedBy)).ToListAsync(ct);
        return TypedResults.Ok(new TemplateDetails(template.Key, template.Name, template.Description, template.DefaultLocale,
            template.CurrentVersion, template.CreatedAt, template.UpdatedAt, TemplateVersionView.From(current), versions));
    }

    public static async Task<Results<Ok<TemplateVersionView>, NotFound>> GetVersionAsync(string key, int version, TemplateStore store, CancellationToken ct) =>
        await store.FindVersionAsync(key, version, ct) is { } found ? TypedResults.Ok(TemplateVersionView.From(found)) : TypedResults.NotFound();

    public static async Task<Results<Created<TemplateSaved>, ValidationProblem, ProblemHttpResult>> SaveAsync(
        string key, HttpRequest http, ClaimsPrincipal user, TemplateStore store, CancellationToken ct)
    {
        var body = await RequestBodyReader.ReadAsync<SaveTemplateRequest>(http, ct);
        if (body.Invalid is { } invalid)
        {
            return invalid;
        }
        if (body.Refused is { } refused)
        {
            return refused;
        }
        var check = TemplateSaveValidator.Validate(key, body.Value!);
        if (check.Any)
        {
            // The positions also as data, so an editor can put the cursor on the error without parsing messages.
            return TypedResults.ValidationProblem(check.Errors, extensions: check.SyntaxErrors.Count == 0
                ? null
                : new Dictionary<string, object?> { ["syntaxErrors"] = check.SyntaxErrors });
        }
        var version = await store.SaveAsync(key, body.Value!, user.SenderId(), ct);
        return TypedResults.Created($"/api/templates/{key}/versions/{version}", new TemplateSaved(key, version));
    }
}
