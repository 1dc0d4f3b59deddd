using Notifications.Api.Model;
using NotificationAspire.Contracts.Templates;

namespace Notifications.Api.Templates;

/// <summary>A template in the list: enough to pick one.</summary>
public sealed record TemplateSummary(string Key, string Name, string? Description, string DefaultLocale, int CurrentVersion, DateTimeOffset UpdatedAt)
{
    public static TemplateSummary From(NotificationTemplate t) => new(t.Key, t.Name, t.Description, t.DefaultLocale, t.CurrentVersion, t.UpdatedAt);
}

/// <summary>A template with its current content and the history of its versions, newest first.</summary>
public sealed record TemplateDetails(
    string Key,
    string Name,
    string? Description,
    string DefaultLocale,
    int CurrentVersion,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    TemplateVersionView Current,
    IReadOnlyList<VersionSummary> Versions);

/// <summary>One version as it was saved.</summary>
public sealed record TemplateVersionView(
    string Key,
    int Version,
    string DefaultLocale,
    IReadOnlyList<string> Variables,
    IReadOnlyList<TemplateVariant> Variants,
    DateTimeOffset CreatedAt,
    string CreatedBy)
{
    public static TemplateVersionView From(TemplateVersion v) =>
        new(v.TemplateKey, v.Version, v.DefaultLocale, v.Variables, v.ToContent().Variants, v.CreatedAt, v.CreatedBy);
}

public sealed record VersionSummary(int Version, DateTimeOffset CreatedAt, string CreatedBy);
