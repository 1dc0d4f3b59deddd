using System.Text.RegularExpressions;
using NotificationAspire.Templating;

namespace Notifications.Api.Templates;

/// <summary>A Liquid error in a saved part, where it is: the field path and the 1-based line and column in that part.</summary>
public sealed record SyntaxErrorAt(string Field, int Line, int Column, string Message);

/// <summary>Every reason a save is refused, keyed by the JSON path of the field to fix (`variants[1].emailHtml`).</summary>
public sealed record TemplateSaveErrors(Dictionary<string, string[]> Errors, List<SyntaxErrorAt> SyntaxErrors)
{
    public bool Any => Errors.Count > 0;
}

/// <summary>
/// Checks a template before it is saved: key, locales (BCP 47), declared variables, and each part's Liquid.
/// A part may only read declared variables (and the recipient), so the send-time check of the data is complete.
/// </summary>
public static partial class TemplateSaveValidator
{
    public const int MaxKeyLength = 100;
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 2_000;
    public const int MaxVariables = 100;
    public const int MaxVariants = 50;

    public static TemplateSaveErrors Validate(string key, SaveTemplateRequest request)
    {
        var result = new TemplateSaveErrors([], []);
        void Error(string field, string message) => result.Errors[field] = [.. result.Errors.GetValueOrDefault(field, []), message];

        if (!IsKey(key))
        {
            Error("key", $"A key is 1 to {MaxKeyLength} lowercase letters, digits and single hyphens (order-shipped).");
        }
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > MaxNameLength || !TextRules.IsSingleLine(request.Name))
        {
            Error("name", $"A name of 1 to {MaxNameLength} characters on one line is required.");
        }
        if (request.Description is { Length: > MaxDescriptionLength })
        {
            Error("description", $"At most {MaxDescriptionLength} characters.");
        }
        if (!LanguageTags.IsWellFormed(request.DefaultLocale))
        {
            Error("defaultLocale", "A BCP 47 language tag is required (en, de-AT).");
        }
        var declared = ValidateVariables(request.Variables ?? [], Error);
        ValidateVariants(request, declared, result.SyntaxErrors, Error);
        return result;
    }

    public static bool IsKey(string? key) => key is { Length: > 0 and <= MaxKeyLength } && Slug().IsMatch(key);

    private static HashSet<string> ValidateVariables(IReadOnlyList<string> variables, Action<string, string> error)
    {
        if (variables.Count > MaxVariables)
        {
            error("variables", $"At most {MaxVariables} variables.");
        }
        var declared = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < variables.Count; i++)
        {
            var name = variables[i];
            if (name is null || !Identifier().IsMatch(name))
            {
                error($"variables[{i}]", "A variable name starts with a letter or underscore, then letters, digits or underscores (at most 100).");
            }
            else if (TemplateVariables.BuiltIn.Contains(name))
            {
                error($"variables[{i}]", $"'{name}' is provided by the platform and cannot be declared.");
            }
            else if (!declared.Add(name))
            {
                error($"variables[{i}]", $"'{name}' is declared more than once.");
            }
        }
        return declared;
    }

    private static void ValidateVariants(SaveTemplateRequest request, HashSet<string> declared, List<SyntaxErrorAt> syntaxErrors, Action<string, string> error)
    {
        if (request.Variants is not { Count: > 0 } variants)
        {
            error("variants", "At least one locale variant is required.");
            return;
        }
        if (variants.Count > MaxVariants)
        {
            error("variants", $"At most {MaxVariants} locale variants.");
        }
        var locales = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < variants.Count; i++)
        {
            var at = $"variants[{i}]";
            if (variants[i] is not { } variant)
            {
                error(at, "A variant is required here.");
                continue;
            }
            if (!LanguageTags.IsWellFormed(variant.Locale))
            {
                error($"{at}.locale", "A BCP 47 language tag is required (en, de-AT).");
            }
            else if (!locales.Add(variant.Locale))
            {
                error($"{at}.locale", $"'{variant.Locale}' has a variant already (locales compare case-insensitively).");
            }
            var channels = TemplateParts.Channels(variant).ToList();
            if (channels.Count == 0)
            {
                error(at, "A variant needs content for at least one channel: email (emailSubject with emailText or emailHtml), smsText, pushBody or inAppBody.");
            }
            foreach (var (_, missingPart, message) in channels.Where(c => c.MissingPart is not null))
            {
                error($"{at}.{missingPart}", message!);
            }
            foreach (var (part, source) in TemplateParts.Of(variant))
            {
                if (source is not null)
                {
                    ValidatePart($"{at}.{part}", part, source, declared, syntaxErrors, error);
                }
            }
        }
        if (request.DefaultLocale is { } defaultLocale && LanguageTags.IsWellFormed(defaultLocale) && !locales.Contains(defaultLocale))
        {
            error("defaultLocale", $"No variant has the default locale '{defaultLocale}'; every fallback ends there.");
        }
        RequireDefaultChannels(request, error);
    }

    /// <summary>
    /// A person gets one variant, whole (no per-part fallback): a locale that lacks a channel the default has would
    /// leave its readers without a message on that channel.
    /// </summary>
    private static void RequireDefaultChannels(SaveTemplateRequest request, Action<string, string> error)
    {
        var variants = request.Variants!;
        if (variants.FirstOrDefault(v => v is not null && string.Equals(v.Locale, request.DefaultLocale, StringComparison.OrdinalIgnoreCase)) is not { } byDefault)
        {
            return;
        }
        var expected = TemplateParts.Complete(byDefault);
        for (var i = 0; i < variants.Count; i++)
        {
            if (variants[i] is { } variant && expected.Except(TemplateParts.Complete(variant)).ToList() is { Count: > 0 } missing)
            {
                error($"variants[{i}]", $"Has no complete {string.Join(", ", missing)} content, which the default locale's variant has; every locale covers the same channels.");
            }
        }
    }

    private static void ValidatePart(string field, string part, string source, HashSet<string> declared, List<SyntaxErrorAt> syntaxErrors, Action<string, string> error)
    {
        var title = TemplateParts.Titles.Contains(part);
        var max = title ? TemplateParts.MaxTitleLength : TemplateParts.MaxPartLength;
        if (string.IsNullOrWhiteSpace(source) || source.Length > max)
        {
            error(field, $"1 to {max} characters; leave a part out (null) when the template does not use it.");
            return;
        }
        if (title && !TextRules.IsSingleLine(source))
        {
            error(field, TextRules.SingleLineMessage);
        }
        if (TemplateSyntax.Check(source) is [var syntax, ..])
        {
            syntaxErrors.Add(new SyntaxErrorAt(field, syntax.Line, syntax.Column, syntax.Message));
            error(field, $"Liquid syntax error at line {syntax.Line}, column {syntax.Column}: {syntax.Message}.");
            return;
        }
        foreach (var name in TemplateVariables.Undeclared(source, declared))
        {
            error(field, $"Uses '{name}', which is not among the template's variables; declare it there.");
        }
    }

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex Slug();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,99}$")]
    private static partial Regex Identifier();
}
