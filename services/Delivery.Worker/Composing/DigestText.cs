using System.Text;

namespace Delivery.Worker.Composing;

/// <summary>
/// The plain digest for a send that named no digest template: "5 new notifications: {first subject}" and one entry
/// per item (its subject, then its text), with a line saying how many more there were beyond those listed.
/// </summary>
public static class DigestText
{
    public static string Subject(int count, string firstSubject) =>
        count == 1 ? firstSubject : $"{count} new notifications: {firstSubject}";

    public static string Body(int count, IReadOnlyList<(string Subject, string Body)> items)
    {
        var text = new StringBuilder();
        foreach (var (subject, body) in items)
        {
            // An SMS item has no subject: its text alone.
            text.Append("- ").AppendLine(subject.Length > 0 ? subject : body);
            if (subject.Length > 0 && body.Length > 0)
            {
                text.Append("  ").AppendLine(body.ReplaceLineEndings("\n  ").TrimEnd());
            }
            text.AppendLine();
        }
        if (count > items.Count)
        {
            text.AppendLine($"... and {count - items.Count} more.");
        }
        return text.ToString().TrimEnd();
    }
}
