using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;

namespace NotificationAspire.TestSupport;

/// <summary>
/// Copies every resource instance's console output to `artifacts/logs/{run}/{instance}.log` (each line as
/// the AppHost has it, with its timestamp; standard error marked ERR). The dashboard is off in tests, so without this a failed
/// run in CI leaves nothing to read about what the services did.
/// </summary>
public sealed partial class ResourceLogRecorder(DistributedApplication app, string run) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _copies = [];

    public string Folder { get; } = Path.Combine(RepositoryPaths.Artifact("logs"), run);

    /// <summary>Copies the instances of these resources (replicas each get a file) as the AppHost reports them.</summary>
    public void Record(IReadOnlyCollection<string> resourceNames)
    {
        Directory.CreateDirectory(Folder);
        var logs = app.Services.GetRequiredService<ResourceLoggerService>();
        var watching = Task.Run(async () =>
        {
            var recorded = new HashSet<string>(StringComparer.Ordinal);
            try
            {
                await foreach (var update in app.ResourceNotifications.WatchAsync(_stop.Token))
                {
                    if (resourceNames.Contains(update.Resource.Name) && recorded.Add(update.ResourceId))
                    {
                        lock (_copies)
                        {
                            _copies.Add(Task.Run(() => CopyAsync(logs, update.ResourceId)));
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
            }
        });
        lock (_copies)
        {
            _copies.Add(watching);
        }
    }

    private async Task CopyAsync(ResourceLoggerService logs, string instance)
    {
        await using var file = new StreamWriter(Path.Combine(Folder, $"{instance}.log"), append: false, Encoding.UTF8) { AutoFlush = true };
        try
        {
            await foreach (var batch in logs.WatchAsync(instance).WithCancellation(_stop.Token))
            {
                foreach (var line in batch)
                {
                    var text = AnsiColor().Replace(line.Content, string.Empty); // the services log in color for the dashboard
                    await file.WriteLineAsync(line.IsErrorMessage ? $"ERR {text}" : text);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>Lines that mention <paramref name="text"/> in the logs of <paramref name="resourceName"/>'s instances, each prefixed with its instance.</summary>
    public IReadOnlyList<string> LinesMentioning(string resourceName, string text, int max = 40) =>
        Directory.EnumerateFiles(Folder, $"{resourceName}-*.log")
            .SelectMany(file => ReadWhileRecording(file)
                .Where(line => line.Contains(text, StringComparison.Ordinal))
                .Select(line => $"{Path.GetFileNameWithoutExtension(file)}: {line}"))
            .Take(max)
            .ToList();

    /// <summary>The last <paramref name="count"/> lines one instance wrote: what a failure message should show of it.</summary>
    public IReadOnlyList<string> Tail(string instance, int count = 40)
    {
        var file = Path.Combine(Folder, $"{instance}.log");
        return File.Exists(file) ? ReadWhileRecording(file).TakeLast(count).ToList() : [];
    }

    private static IEnumerable<string> ReadWhileRecording(string file)
    {
        // The copy still has the file open for writing.
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Task[] copies;
        lock (_copies)
        {
            copies = [.. _copies];
        }
        await Task.WhenAll(copies);
        _stop.Dispose();
    }

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex AnsiColor();
}
