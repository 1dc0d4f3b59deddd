using System.Text.Json.Nodes;
using NotificationAspire.Contracts.Templates;

namespace Notifications.Api.Templates;

/// <summary>
/// The body of `PUT /api/templates/{key}`: the whole new version (not a patch), so what is saved is exactly what
/// was reviewed. Variants have the shape sends pin them in (<see cref="TemplateVariant"/>).
/// </summary>
public sealed record SaveTemplateRequest(
    string? Name,
    string? Description,
    string? DefaultLocale,
    IReadOnlyList<string>? Variables,
    IReadOnlyList<TemplateVariant>? Variants);

/// <summary>What `PUT` answers (201): the version just saved, now the current one.</summary>
public sealed record TemplateSaved(string Key, int Version);

/// <summary>The body of `POST /api/templates/{key}/preview`: everything optional; no version means the current one.</summary>
public sealed record PreviewTemplateRequest(int? Version, string? Locale, JsonObject? Data, PreviewRecipient? Recipient);

/// <summary>A sample person, as the worker would know them from their profile.</summary>
public sealed record PreviewRecipient(string? UserId, string? Email, string? Phone, string? Locale, string? TimeZone, JsonObject? Data);
