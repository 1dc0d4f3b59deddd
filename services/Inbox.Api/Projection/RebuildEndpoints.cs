using Microsoft.AspNetCore.Http.HttpResults;

namespace Inbox.Api.Projection;

public static class RebuildEndpoints
{
    /// <summary>`POST /api/inbox/projection/rebuild`: runs the rebuild and reports it; 409 while one is running here.</summary>
    public static async Task<Results<Ok<RebuildReport>, ProblemHttpResult>> RebuildAsync(ProjectionRebuild rebuild, CancellationToken ct) =>
        await rebuild.RunAsync(ct) is { } report
            ? TypedResults.Ok(report)
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, detail: "A rebuild is already running.");
}
