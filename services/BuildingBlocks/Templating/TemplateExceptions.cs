namespace NotificationAspire.Templating;

/// <summary>
/// A template cannot be rendered with this content and data. Permanent: rendering the same pinned version with
/// the same data again fails the same way, so a delivery that meets it should fail, not retry.
/// </summary>
public abstract class TemplateException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A template source that does not parse reached rendering (saves check every part, so only hand-made content can).</summary>
public sealed class TemplateSyntaxException(TemplateSyntaxError error) : TemplateException($"The template does not parse: {error}")
{
    public TemplateSyntaxError Error { get; } = error;
}

/// <summary>Rendering a part failed on the data: a division by zero, a loop past the step limit, a missing include.</summary>
public sealed class TemplateRenderException(string part, Exception inner) : TemplateException($"Rendering {part} failed: {inner.Message}", inner)
{
    /// <summary>The channel part (emailSubject, emailHtml, ...) that failed.</summary>
    public string Part { get; } = part;
}
