using GraphQL;

namespace Inbox.Api.GraphQL;

public static class GraphQLExtensions
{
    /// <summary>Deepest selection a query may make: me { inbox { items { timeline { ... } } } } is 5.</summary>
    public const int MaxDepth = 8;

    /// <summary>Enough for a 100-item page with timelines; a query that multiplies lists beyond it is refused before it runs.</summary>
    public const int MaxComplexity = 5_000;

    public static IHostApplicationBuilder AddInboxGraphQL(this IHostApplicationBuilder builder)
    {
        builder.Services.AddGraphQL(graphql => graphql
            .AddSchema<InboxSchema>()
            .AddGraphTypes(typeof(InboxSchema).Assembly)
            .AddSystemTextJson()
            .AddComplexityAnalyzer(complexity =>
            {
                complexity.MaxDepth = MaxDepth;
                complexity.MaxComplexity = MaxComplexity;
            })
            // One DbContext per request: resolvers take turns; the timeline batch still loads a page's timelines at once.
            .ConfigureExecutionOptions(options => options.MaxParallelExecutionCount = 1));
        builder.Services.AddScoped<TimelineBatch>();
        return builder;
    }
}
