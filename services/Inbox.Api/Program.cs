using Inbox.Api.Apis;
using Inbox.Api.Data;
using Inbox.Api.Extensions;
using NotificationAspire.Persistence;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDefaultAuthentication();
builder.AddApplicationServices();
builder.AddDefaultOpenApi();

var app = builder.Build();

await app.Services.MigrateDatabaseAsync<InboxDbContext>();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();

app.MapDefaultEndpoints();
app.MapOpenApi().AllowAnonymous();
app.MapInboxApi();
app.MapTimelineApi();
app.MapNotificationCenterApi();
app.MapProjectionApi();
app.MapProvidersApi();
app.MapInboxGraphQL();

app.Run();
