using System.Diagnostics;
using System.Text.Json;

namespace NotificationAspire.EndToEnd.Tests.StatusWebhooks;

/// <summary>
/// The Standard Webhooks reference library for JavaScript (`standardwebhooks` on npm, installed into
/// eng/webhook-verification by eng/bootstrap.sh), run with Node.js: what a receiver written in another language
/// decides about each request the platform sent, so our signatures are checked by code that is not ours.
/// </summary>
public static class StandardWebhooksLibrary
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>One verdict per request, in order: "ok", or "fail: " and the library's reason.</summary>
    public static async Task<IReadOnlyList<string>> VerifyAsync(IReadOnlyList<WebhookReceiver.Received> requests, string secret)
    {
        var folder = Path.Combine(RepositoryPaths.Root(), "eng", "webhook-verification");
        Assert.True(Directory.Exists(Path.Combine(folder, "node_modules", "standardwebhooks")), $"run eng/bootstrap.sh: {folder} has no standardwebhooks package");
        using var node = Process.Start(new ProcessStartInfo("node", "verify.mjs")
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        foreach (var request in requests)
        {
            await node.StandardInput.WriteLineAsync(JsonSerializer.Serialize(new
            {
                secret,
                id = request.Id,
                timestamp = request.Timestamp,
                signature = request.Signature,
                body = Convert.ToBase64String(request.Body),
            }));
        }
        node.StandardInput.Close();
        using var deadline = new CancellationTokenSource(Deadline);
        var output = node.StandardOutput.ReadToEndAsync(deadline.Token);
        var errors = node.StandardError.ReadToEndAsync(deadline.Token);
        await node.WaitForExitAsync(deadline.Token);
        Assert.True(node.ExitCode == 0, $"node verify.mjs exited with {node.ExitCode}: {await errors}");
        var verdicts = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(requests.Count, verdicts.Length);
        return verdicts;
    }
}
