using Gateway.Bff;
using Gateway.Bff.Data;
using Gateway.Correlation;
using Gateway.Extensions;
using Gateway.Limits;
using Gateway.RateLimiting;
using NotificationAspire.Persistence;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDefaultAuthentication();
builder.AddBrowserSignIn();
builder.AddEdgeProblemDetails();
builder.AddPlatformReverseProxy();
builder.AddGatewayRateLimits();

var app = builder.Build();

await app.Services.MigrateDatabaseAsync<GatewayDbContext>();

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
app.MapBrowserSignIn();
app.MapPlatformReverseProxy();

app.Run();
