using System.Text.Json;
using Microsoft.Playwright;

namespace NotificationAspire.EndToEnd.Tests.Console;

/// <summary>
/// axe-core (npm, installed into eng/accessibility-checks by eng/bootstrap.sh) run inside the page as it is shown:
/// the violations a screen-reader or keyboard user would hit, serious and critical only.
/// </summary>
public static class AccessibilityCheck
{
    private static readonly Lazy<string> Axe = new(() =>
    {
        var path = Path.Combine(RepositoryPaths.Root(), "eng", "accessibility-checks", "node_modules", "axe-core", "axe.min.js");
        return File.Exists(path) ? File.ReadAllText(path) : throw new FileNotFoundException("axe-core is missing: run `bash eng/bootstrap.sh`.", path);
    });

    /// <summary>"rule: help (element, ...)" for each serious or critical violation on the page.</summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        await page.AddScriptTagAsync(new() { Content = Axe.Value });
        var result = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const { violations } = await axe.run(document, { resultTypes: ['violations'] });
              return violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`);
            }
            """);
        return result.EnumerateArray().Select(v => v.GetString()!).ToList();
    }
}
