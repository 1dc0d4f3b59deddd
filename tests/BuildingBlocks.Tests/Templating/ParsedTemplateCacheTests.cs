using NotificationAspire.Templating;

namespace BuildingBlocks.Tests.Templating;

/// <summary>Parsing is what rendering costs, so parsed sources are kept; but never without bound.</summary>
public sealed class ParsedTemplateCacheTests
{
    [Fact]
    public void The_same_source_is_parsed_once()
    {
        var cache = new ParsedTemplateCache(capacity: 10);

        Assert.Same(cache.GetOrParse("Hi {{ name }}"), cache.GetOrParse("Hi {{ name }}"));
    }

    [Fact]
    public void Past_its_capacity_the_oldest_sources_are_dropped_first()
    {
        var cache = new ParsedTemplateCache(capacity: 3);
        var first = cache.GetOrParse("0 {{ a }}");

        for (var i = 1; i <= 5; i++)
        {
            cache.GetOrParse($"{i} {{{{ a }}}}");
        }

        Assert.Equal(3, cache.Count);
        Assert.NotSame(first, cache.GetOrParse("0 {{ a }}"));
    }
}
