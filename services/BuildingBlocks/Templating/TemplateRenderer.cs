using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Fluid;
using NotificationAspire.Contracts.Recipients;
using NotificationAspire.Contracts.Templates;

namespace NotificationAspire.Templating;

/// <summary>
/// Renders a pinned template version for one person in their locale. One instance per process (a singleton):
/// it holds the parsed-template cache and is safe for concurrent use.
/// </summary>
public sealed class TemplateRenderer
{
    /// <summary>The name the person is known by in every template.</summary>
    public const string RecipientVariable = "recipient";

    /// <summary>Distinct sources kept parsed; a few hundred templates x locales x parts fit with room to spare.</summary>
    public const int CacheCapacity = 4_096;

    // Escapes what HTML gives meaning to (< > & ' ") and leaves letters alone, so "Jürgen" stays readable in the source.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly ParsedTemplateCache _cache = new(CacheCapacity);

    /// <param name="locale">The locale to render in; null means the person's own, then the template's default.</param>
    /// <param name="data">The send's data, seen at the top level (`{{ orderId }}`).</param>
    /// <exception cref="TemplateSyntaxException">A part does not parse (content that skipped the save-time checks).</exception>
    /// <exception cref="TemplateRenderException">A part failed on the data (a division by zero, a runaway loop).</exception>
    public RenderedMessage Render(TemplateContent content, string? locale, JsonObject? data, RecipientContact? recipient)
    {
        var variant = LocaleFallback.Choose(content, locale ?? recipient?.Locale);
        var context = NewContext(variant.Locale, data, recipient, locale);
        string? Text(string name, string? source) => Part(name, source, context, NullEncoder.Default);

        return new RenderedMessage(
            variant.Locale,
            SingleLine(Text("emailSubject", variant.EmailSubject)),
            Part("emailHtml", variant.EmailHtml, context, Html),
            Text("emailText", variant.EmailText),
            Text("smsText", variant.SmsText),
            Text("pushTitle", variant.PushTitle),
            Text("pushBody", variant.PushBody),
            Text("pushUrl", variant.PushUrl),
            Text("inAppTitle", variant.InAppTitle),
            Text("inAppBody", variant.InAppBody),
            Text("inAppUrl", variant.InAppUrl));
    }

    private string? Part(string name, string? source, TemplateContext context, TextEncoder encoder)
    {
        if (source is null)
        {
            return null;
        }
        var template = _cache.GetOrParse(source);
        try
        {
            return template.Render(context, encoder);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new TemplateRenderException(name, ex);
        }
    }

    private static TemplateContext NewContext(string variantLocale, JsonObject? data, RecipientContact? recipient, string? locale)
    {
        var context = new TemplateContext(LiquidParser.Options) { CultureInfo = CultureOf(variantLocale) };
        if (TimeZoneOf(recipient?.TimeZone) is { } zone)
        {
            context.TimeZone = zone; // dates print in the person's own time
        }
        foreach (var (name, value) in data ?? [])
        {
            context.SetValue(name, TemplateValues.From(value));
        }
        context.SetValue(RecipientVariable, TemplateValues.Recipient(recipient, locale));
        return context;
    }

    /// <summary>A subject becomes a mail header: a line break from the data would start a header of its own.</summary>
    private static string? SingleLine(string? text) =>
        text is null ? null : string.Concat(text.Select(c => char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c)).Trim();

    private static CultureInfo CultureOf(string locale)
    {
        try
        {
            return CultureInfo.GetCultureInfo(locale);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture; // a well-formed tag the host's ICU does not know: neutral formatting
        }
    }

    private static TimeZoneInfo? TimeZoneOf(string? id) =>
        id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
}
