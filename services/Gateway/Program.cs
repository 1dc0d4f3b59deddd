using Gateway.Correlation;
using Gateway.Extensions;
using Gateway.Limits;
using Gateway.RateLimiting;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDefaultAuthentication();
builder.AddEdgeProblemDetails();
builder.AddPlatformReverseProxy();
builder.AddGatewayRateLimits();

var app = builder.Build();

// First, so every later step (error handling included) logs inside the request's correlation scope.
app.UseCorrelationId();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
// After authentication (a client's budget is its validated azp), before authorization (floods of 401s are limited too).
app.UseRateLimiter();
app.UseAuthorization();
app.UseRequestBodyLimit();

app.MapDefaultEndpoints();
app.MapApiReference();
app.MapPlatformReverseProxy();

app.Run();
