using NotificationAspire.Standins.PushService.Apis;
using NotificationAspire.Standins.PushService.Push;

// A browser push service as the delivery worker's web push client sees it, for machines that must not reach
// real ones. Subscription endpoints are `{this}/push/{any id}`; what arrives is kept in memory (it dies with the
// process) and readable at GET /api/messages.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddOptions<PushServiceOptions>().BindConfiguration(PushServiceOptions.SectionName);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<ReceivedPushes>();
builder.Services.AddSingleton<GoneSubscriptions>();
builder.Services.AddHealthChecks();

var app = builder.Build();
app.MapHealthChecks("/health");
app.MapPushApi();
app.MapInspectionApi();
app.Run();
