namespace Gateway.Bff;

/// <summary>The browser endpoints' refusals as RFC 7807 problem details, like every other error the gateway writes.</summary>
internal static class BffProblems
{
    public static async Task WriteAsync(HttpContext http, int status, string detail)
    {
        http.Response.StatusCode = status;
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = status, Detail = detail },
        });
    }
}
