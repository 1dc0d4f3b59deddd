using Fluid;
using Fluid.Ast;

namespace NotificationAspire.Templating;

/// <summary>
/// The send data a Liquid source reads, found in its syntax tree (every branch, not just the one a sample
/// render takes), so a template that reads a variable it does not declare is refused when saved.
/// </summary>
public static class TemplateVariables
{
    /// <summary>What every template may read without declaring it: the person, and Liquid's own loop objects.</summary>
    public static IReadOnlySet<string> BuiltIn { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        TemplateRenderer.RecipientVariable, "forloop", "tablerowloop", "empty", "blank", "nil", "null", "true", "false",
    };

    /// <summary>Top-level names the source reads from the data, in order of first use; the source must parse.</summary>
    public static IReadOnlyList<string> Used(string source)
    {
        if (!LiquidParser.Instance.TryParse(source, out var template, out var error))
        {
            throw new TemplateSyntaxException(TemplateSyntax.ToError(error));
        }
        var collector = new VariableCollector();
        collector.VisitTemplate(template);
        return collector.Read.Where(name => !collector.Local.Contains(name) && !BuiltIn.Contains(name)).Distinct().ToList();
    }

    /// <summary>Names <see cref="Used"/> finds that <paramref name="declared"/> lacks (compared exactly, as Liquid does).</summary>
    public static IReadOnlyList<string> Undeclared(string source, IReadOnlyCollection<string> declared)
    {
        var known = declared as IReadOnlySet<string> ?? new HashSet<string>(declared, StringComparer.Ordinal);
        return Used(source).Where(name => !known.Contains(name)).ToList();
    }

    /// <summary>
    /// Names read, and names the template gives values itself (assign, capture, loop variables, counters).
    /// A local anywhere excuses the name everywhere: Liquid's assign is template-wide, and a finer scope
    /// analysis would only move the error from save time to a blank in a message.
    /// </summary>
    private sealed class VariableCollector : AstVisitor
    {
        public List<string> Read { get; } = [];

        public HashSet<string> Local { get; } = new(StringComparer.Ordinal);

        protected override Expression VisitMemberExpression(MemberExpression memberExpression)
        {
            if (memberExpression.Segments is [IdentifierSegment first, ..])
            {
                Read.Add(first.Identifier);
            }
            return base.VisitMemberExpression(memberExpression);
        }

        protected override Statement VisitAssignStatement(AssignStatement assignStatement) =>
            Declare(assignStatement.Identifier, base.VisitAssignStatement(assignStatement));

        protected override Statement VisitCaptureStatement(CaptureStatement captureStatement) =>
            Declare(captureStatement.Identifier, base.VisitCaptureStatement(captureStatement));

        protected override Statement VisitForStatement(ForStatement forStatement) =>
            Declare(forStatement.Identifier, base.VisitForStatement(forStatement));

        protected override Statement VisitTableRowStatement(TableRowStatement tableRowStatement) =>
            Declare(tableRowStatement.Identifier, base.VisitTableRowStatement(tableRowStatement));

        protected override Statement VisitIncrementStatement(IncrementStatement incrementStatement) =>
            Declare(incrementStatement.Identifier, base.VisitIncrementStatement(incrementStatement));

        protected override Statement VisitDecrementStatement(DecrementStatement decrementStatement) =>
            Declare(decrementStatement.Identifier, base.VisitDecrementStatement(decrementStatement));

        private Statement Declare(string identifier, Statement statement)
        {
            Local.Add(identifier);
            return statement;
        }
    }
}
