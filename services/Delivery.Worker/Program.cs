using Delivery.Worker.Data;
using Delivery.Worker.Extensions;
using NotificationAspire.Contracts;
using NotificationAspire.Messaging;
using NotificationAspire.Persistence;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddKafkaMessaging(ResourceNames.Kafka, ResourceNames.DeliveryWorker);
builder.AddApplicationServices();

var app = builder.Build();

await app.Services.MigrateDatabaseAsync<DeliveryDbContext>();

// No API of its own: the worker listens on Kafka and serves health, liveness and metrics for probes.
app.MapDefaultEndpoints();

app.Run();
