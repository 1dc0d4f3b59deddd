using System.Collections.Concurrent;
using Fluid;

namespace NotificationAspire.Templating;

/// <summary>
/// Parsed templates by their source text. Parsing is what rendering costs; a worker renders the same few
/// sources for every recipient. Bounded: past the capacity the oldest entries go first, so a stream of edited
/// versions cannot grow it without end. Safe for concurrent use (two threads may parse the same source once each).
/// </summary>
internal sealed class ParsedTemplateCache(int capacity)
{
    private readonly ConcurrentDictionary<string, IFluidTemplate> _templates = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _arrivals = new();

    public int Count => _templates.Count;

    public IFluidTemplate GetOrParse(string source)
    {
        if (_templates.TryGetValue(source, out var cached))
        {
            return cached;
        }
        if (!LiquidParser.Instance.TryParse(source, out var parsed, out var error))
        {
            throw new TemplateSyntaxException(TemplateSyntax.ToError(error));
        }
        if (_templates.TryAdd(source, parsed))
        {
            _arrivals.Enqueue(source);
            while (_templates.Count > capacity && _arrivals.TryDequeue(out var oldest))
            {
                _templates.TryRemove(oldest, out _);
            }
        }
        return parsed;
    }
}
