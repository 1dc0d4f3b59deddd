using NotificationAspire.Persistence;
using Preferences.Api.Apis;
using Preferences.Api.Data;
using Preferences.Api.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDefaultAuthentication();
builder.AddApplicationServices();
builder.AddDefaultOpenApi();

var app = builder.Build();

await app.Services.MigrateDatabaseAsync<PreferencesDbContext>();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();

app.MapDefaultEndpoints();
app.MapOpenApi().AllowAnonymous();
app.MapRecipientsApi();
app.MapPreferencesApi();
app.MapPushSubscriptionsApi();
app.MapWebhookEndpointsApi();
app.MapCategoriesApi();
app.MapUnsubscribeApi();

app.Run();
