using System.Text.RegularExpressions;
using Notifications.Api.Templates;
using NotificationAspire.Contracts.Events;

namespace Notifications.Api.Sending;

/// <summary>
/// The request's `digest`: `{"key": "comments:42", "windowSeconds": 600, "templateKey": "comment-digest"}`. The key is
/// 1 to <see cref="MaxKeyLength"/> letters, digits and `: _ . - /`; the window from <see cref="DigestRequest.MinWindow"/>
/// to <see cref="DigestRequest.MaxWindow"/>; the optional template (its current version, pinned) receives `count`
/// and `items`. Errors name `digest.key`, `digest.windowSeconds`, `digest.templateKey`.
/// </summary>
public static partial class DigestRules
{
    public const int MaxKeyLength = 200;

    /// <param name="template">What `digest.templateKey` found; null when it names none.</param>
    public static DigestRequest? Parse(DigestRequestBody? digest, TemplateLookup? template, Action<string, string> error)
    {
        if (digest is null)
        {
            return null;
        }
        var valid = true;
        if (digest.Key is not { Length: > 0 and <= MaxKeyLength } key || !KeyPattern().IsMatch(key))
        {
            error("digest.key", $"A digest key of 1 to {MaxKeyLength} letters, digits and : _ . - / is required (comments:42).");
            valid = false;
        }
        if (digest.WindowSeconds is not { } seconds || seconds < DigestRequest.MinWindow.TotalSeconds || seconds > DigestRequest.MaxWindow.TotalSeconds)
        {
            error("digest.windowSeconds", $"A window of {DigestRequest.MinWindow.TotalSeconds:0} to {DigestRequest.MaxWindow.TotalSeconds:0} seconds is required.");
            valid = false;
        }
        if (digest.TemplateKey is not null && template?.Found is null)
        {
            error("digest.templateKey", $"Unknown template '{digest.TemplateKey}'. GET /api/templates lists them.");
            valid = false;
        }
        return valid ? new DigestRequest(digest.Key!, TimeSpan.FromSeconds(digest.WindowSeconds!.Value), template?.Found?.ToContent()) : null;
    }

    [GeneratedRegex("^[A-Za-z0-9:_./-]+$")]
    private static partial Regex KeyPattern();
}
