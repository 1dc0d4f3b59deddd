using System.Text.Json.Nodes;

namespace Notifications.Api.Templates;

/// <summary>
/// Whether a send's data covers what its template declares. Checked when the send is accepted (and in a
/// preview), so a missing value is the sender's 400, never a blank in a message or a failed delivery later.
/// </summary>
public static class TemplateData
{
    /// <summary>Declared variables the data lacks or sets to null, in declaration order.</summary>
    public static IReadOnlyList<string> Missing(IEnumerable<string> declared, JsonObject? data) =>
        declared.Where(name => data?[name] is null).ToList();

    public static string MissingMessage(string templateKey, string variable) =>
        $"Template '{templateKey}' needs a value for '{variable}'.";
}
