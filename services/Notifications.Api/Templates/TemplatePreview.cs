using Microsoft.AspNetCore.Http.HttpResults;
using NotificationAspire.Contracts.Recipients;
using NotificationAspire.Templating;

namespace Notifications.Api.Templates;

/// <summary>
/// `POST /api/templates/{key}/preview`: a version rendered with sample data exactly as the worker would render it
/// for one person, with the same check of the data a send gets at accept time.
/// </summary>
public static class TemplatePreview
{
    public static async Task<Results<Ok<RenderedMessage>, NotFound, ValidationProblem, ProblemHttpResult>> HandleAsync(
        string key, HttpRequest http, TemplateStore store, TemplateRenderer renderer, CancellationToken ct)
    {
        var body = await RequestBodyReader.ReadAsync<PreviewTemplateRequest>(http, ct);
        if (body.Invalid is { } invalid)
        {
            return invalid;
        }
        if (body.Refused is { } refused)
        {
            return refused;
        }
        var request = body.Value!;
        var errors = new Dictionary<string, string[]>();
        if (request.Version is < 1)
        {
            errors["version"] = ["Versions start at 1."];
        }
        foreach (var (field, locale) in new[] { ("locale", request.Locale), ("recipient.locale", request.Recipient?.Locale) })
        {
            if (locale is not null && !LanguageTags.IsWellFormed(locale))
            {
                errors[field] = ["A BCP 47 language tag (en, de-AT)."];
            }
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (await store.FindVersionAsync(key, request.Version, ct) is not { } version)
        {
            return TypedResults.NotFound();
        }
        foreach (var name in TemplateData.Missing(version.Variables, request.Data))
        {
            errors[$"data.{name}"] = [TemplateData.MissingMessage(key, name)];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        try
        {
            return TypedResults.Ok(renderer.Render(version.ToContent(), request.Locale, request.Data, Recipient(request.Recipient)));
        }
        catch (TemplateException ex)
        {
            // The sample data breaks a part (a division by zero, a loop past the step limit): the sender's data could too.
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["data"] = [ex.Message] });
        }
    }

    private static RecipientContact? Recipient(PreviewRecipient? r) =>
        r is null ? null : new RecipientContact(r.UserId ?? "preview", r.Email, r.Phone, r.Locale, r.TimeZone, r.Data);
}
