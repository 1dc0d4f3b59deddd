using NotificationAspire.WebConsole;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddAuthorization();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseConsolePageHeaders();
app.UseAuthorization();

app.MapDefaultEndpoints();

app.Run();
