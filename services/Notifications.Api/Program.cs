using NotificationAspire.Persistence;
using Notifications.Api.Apis;
using Notifications.Api.Data;
using Notifications.Api.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDefaultAuthentication();
builder.AddApplicationServices();
builder.AddDefaultOpenApi();

var app = builder.Build();

await app.Services.MigrateDatabaseAsync<NotificationsDbContext>();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();

app.MapDefaultEndpoints();
app.MapOpenApi().AllowAnonymous();
app.MapNotificationsApi();
app.MapDeadLettersApi();
app.MapTemplatesApi();
app.MapWebhooksApi();
app.MapTopicsApi();

app.Run();
