using Gateway.Bff;
using Gateway.Bff.Data;
using Gateway.Correlation;
using Gateway.Extensions;
using Gateway.Limits;
using NotificationAspire.Persistence;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDefaultAuthentication();
builder.AddBrowserSignIn();
builder.AddEdgeProblemDetails();
builder.AddPlatformReverseProxy();

var app = builder.Build();

await app.Services.MigrateDatabaseAsync<GatewayDbContext>();

// First, so every later step (error handling included) logs inside the request's correlation scope.
app.UseCorrelationId();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.UseRequestBodyLimit();

app.MapDefaultEndpoints();
app.MapApiReference();
app.MapBrowserSignIn();
app.MapPlatformReverseProxy();

app.Run();
