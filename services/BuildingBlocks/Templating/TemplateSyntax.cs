using System.Globalization;
using System.Text.RegularExpressions;
using Fluid;

namespace NotificationAspire.Templating;

/// <summary>Checks Liquid sources when a template is saved, so an error is the operator's 400 and never a failed delivery.</summary>
public static partial class TemplateSyntax
{
    /// <summary>
    /// The source's parse error (Fluid stops at the first one), or else what parses but cannot render here
    /// (an unknown filter, include or render); empty when the source is fine.
    /// </summary>
    public static IReadOnlyList<TemplateSyntaxError> Check(string source) =>
        LiquidParser.Instance.TryParse(source, out var template, out var error)
            ? UnsupportedConstructs.In(template, source).ToList()
            : [ToError(error)];

    /// <summary>
    /// Fluid reports "message at (line:column)" followed by the offending line; the position is Parlot's cursor,
    /// 1-based in both, so it maps one to one. A message without a position (none known today) points at 1:1.
    /// </summary>
    internal static TemplateSyntaxError ToError(string fluidMessage)
    {
        var match = Position().Match(fluidMessage);
        if (!match.Success)
        {
            return new TemplateSyntaxError(FirstLine(fluidMessage), 1, 1);
        }
        var message = fluidMessage[..match.Index].TrimEnd();
        return new TemplateSyntaxError(message.Length > 0 ? message : "Invalid Liquid.",
            int.Parse(match.Groups["line"].ValueSpan, CultureInfo.InvariantCulture),
            int.Parse(match.Groups["column"].ValueSpan, CultureInfo.InvariantCulture));
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].TrimEnd();

    [GeneratedRegex(@"\s*at \((?<line>\d+):(?<column>\d+)\)")]
    private static partial Regex Position();
}

/// <summary>Why a Liquid source does not parse, and where (1-based line and column), so an editor can point at it.</summary>
public sealed record TemplateSyntaxError(string Message, int Line, int Column)
{
    public override string ToString() => $"Line {Line}, column {Column}: {Message}";
}
