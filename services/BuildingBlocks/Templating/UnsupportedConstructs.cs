using System.Text.RegularExpressions;
using Fluid;
using Fluid.Ast;

namespace NotificationAspire.Templating;

/// <summary>
/// Liquid that parses but cannot work here, found when a template is saved rather than at delivery: a filter
/// Fluid does not have renders nothing, and include/render need template files notifications do not have.
/// </summary>
internal static partial class UnsupportedConstructs
{
    public static IEnumerable<TemplateSyntaxError> In(IFluidTemplate template, string source)
    {
        var finder = new Finder();
        finder.VisitTemplate(template);
        foreach (var filter in finder.UnknownFilters.Distinct(StringComparer.Ordinal))
        {
            var (line, column) = Locate(source, $@"(?<=\|\s*){Regex.Escape(filter)}\b");
            yield return new TemplateSyntaxError($"Unknown filter '{filter}'", line, column);
        }
        foreach (var tag in finder.FileTags.Distinct(StringComparer.Ordinal))
        {
            var (line, column) = Locate(source, $@"{{%-?\s*{tag}\b");
            yield return new TemplateSyntaxError($"'{tag}' is not available: notification templates are self-contained", line, column);
        }
    }

    /// <summary>Where the construct first appears (the tree has no positions); 1:1 if the text is not found.</summary>
    private static (int Line, int Column) Locate(string source, string pattern)
    {
        var match = Regex.Match(source, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        if (!match.Success)
        {
            return (1, 1);
        }
        var before = source.AsSpan(0, match.Index);
        var lineStart = before.LastIndexOf('\n') + 1;
        return (before.Count('\n') + 1, match.Index - lineStart + 1);
    }

    private sealed class Finder : AstVisitor
    {
        public List<string> UnknownFilters { get; } = [];

        public List<string> FileTags { get; } = [];

        protected override Expression VisitFilterExpression(FilterExpression filterExpression)
        {
            if (!LiquidParser.Options.Filters.TryGetValue(filterExpression.Name, out _))
            {
                UnknownFilters.Add(filterExpression.Name);
            }
            return base.VisitFilterExpression(filterExpression);
        }

        protected override Statement VisitIncludeStatement(IncludeStatement includeStatement)
        {
            FileTags.Add("include");
            return base.VisitIncludeStatement(includeStatement);
        }

        protected override Statement VisitRenderStatement(RenderStatement renderStatement)
        {
            FileTags.Add("render");
            return base.VisitRenderStatement(renderStatement);
        }
    }
}
