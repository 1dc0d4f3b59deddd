using NotificationAspire.Standins.SmsCarrier.Apis;
using NotificationAspire.Standins.SmsCarrier.Carrier;

// Twilio and Vonage as the delivery worker's SMS clients see them, for machines that must not send real texts.
// What arrives is kept in memory (it dies with the process) and readable at GET /api/messages.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddOptions<CarrierAccounts>().BindConfiguration(CarrierAccounts.SectionName);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<ReceivedMessages>();
builder.Services.AddSingleton<ProviderBehaviours>();
builder.Services.AddHealthChecks();

var app = builder.Build();
app.MapHealthChecks("/health");
app.MapTwilioApi();
app.MapVonageApi();
app.MapInspectionApi();
app.Run();
