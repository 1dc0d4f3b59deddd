namespace NotificationAspire.EndToEnd.Tests.Security;

/// <summary>
/// The authorization table of docs/security.md, read from the document itself so the page people read and the
/// matrix the tests enforce cannot drift: one row per operation, its policy, and ✓ or ✗ per caller kind.
/// </summary>
public sealed record AuthorizationTable(IReadOnlyList<string> Callers, IReadOnlyDictionary<string, AuthorizationTable.Row> Rows)
{
    public const string Allowed = "✓";
    public const string Denied = "✗";
    private const string Start = "<!-- authorization-table:start -->";
    private const string End = "<!-- authorization-table:end -->";

    public sealed record Row(string Operation, string Policy, IReadOnlyDictionary<string, bool> AllowedFor);

    public static AuthorizationTable Load() =>
        Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root(), "docs", "security.md")));

    public static AuthorizationTable Parse(string markdown)
    {
        var start = markdown.IndexOf(Start, StringComparison.Ordinal);
        var end = markdown.IndexOf(End, StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            throw new InvalidOperationException($"docs/security.md has no table between {Start} and {End}.");
        }
        var lines = markdown[(start + Start.Length)..end].Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith('|')).Select(Cells).ToList();
        var header = lines[0];
        var callers = header.Skip(2).ToList();
        var rows = new Dictionary<string, Row>(StringComparer.Ordinal);
        foreach (var cells in lines.Skip(2)) // the header, then the |---| line
        {
            if (cells.Count != header.Count)
            {
                throw new InvalidOperationException($"Row '{string.Join(" | ", cells)}' has {cells.Count} cells, the header {header.Count}.");
            }
            var operation = cells[0].Trim('`');
            var allowed = callers.Select((caller, i) => (caller, cell: cells[i + 2])).ToDictionary(c => c.caller, c => c.cell switch
            {
                Allowed => true,
                Denied => false,
                _ => throw new InvalidOperationException($"{operation} x {c.caller}: '{c.cell}' is neither {Allowed} nor {Denied}."),
            });
            if (!rows.TryAdd(operation, new Row(operation, cells[1], allowed)))
            {
                throw new InvalidOperationException($"{operation} has two rows.");
            }
        }
        return new AuthorizationTable(callers, rows);
    }

    private static List<string> Cells(string line) => line.Trim('|').Split('|').Select(c => c.Trim()).ToList();
}
