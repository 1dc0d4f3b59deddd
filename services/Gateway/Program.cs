using Gateway.Correlation;
using Gateway.Extensions;
using Gateway.Limits;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDefaultAuthentication();
builder.AddEdgeProblemDetails();
builder.AddPlatformReverseProxy();

var app = builder.Build();

// First, so every later step (error handling included) logs inside the request's correlation scope.
app.UseCorrelationId();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.UseRequestBodyLimit();

app.MapDefaultEndpoints();
app.MapApiReference();
app.MapPlatformReverseProxy();

app.Run();
