using NotificationAspire.AppHost.Infrastructure;
using NotificationAspire.AppHost.Kubernetes;
using NotificationAspire.AppHost.KafkaHosting;
using NotificationAspire.AppHost.KeycloakHosting;
using NotificationAspire.AppHost.MailHosting;
using NotificationAspire.AppHost.Operations;
using NotificationAspire.AppHost.PostgresHosting;
using NotificationAspire.Contracts;

var builder = DistributedApplication.CreateBuilder(args);
var mode = builder.ResolveInfrastructureMode();

// Infrastructure: the same four resources in both modes (containers, or local stand-ins).
var postgres = builder.AddPlatformPostgres(ResourceNames.Postgres, mode);
var notificationsDb = postgres.AddPlatformDatabase(ResourceNames.NotificationsDatabase);
var deliveryDb = postgres.AddPlatformDatabase(ResourceNames.DeliveryDatabase);
var kafka = builder.AddKafkaBroker(ResourceNames.Kafka, mode);
var realmSecrets = new RealmSecrets(builder);
var identity = builder.AddIdentityProvider(ResourceNames.Identity, mode, realmSecrets);
var mail = builder.AddMailServer(ResourceNames.Mail, mode);

// Services, in dependency order.
var notificationsApi = builder.AddProject<Projects.Notifications_Api>(ResourceNames.NotificationsApi)
    .WithPlatformDefaults()
    .WithReference(notificationsDb).WaitFor(notificationsDb)
    .WithReference(kafka).WaitFor(kafka)
    .WithIdentity(identity)
    .WithDeadLetterReplayCommand(identity, realmSecrets.OpsConsoleSecret);

// Several members of one consumer group: partitions rebalance between them as replicas come and go.
builder.AddProject<Projects.Delivery_Worker>(ResourceNames.DeliveryWorker)
    .WithReplicas(2)
    .WithPlatformDefaults()
    .WithReference(deliveryDb).WaitFor(deliveryDb)
    .WithReference(kafka).WaitFor(kafka)
    .WithReference(mail).WaitFor(mail);

builder.AddProject<Projects.Gateway>(ResourceNames.Gateway)
    .WithPlatformDefaults()
    .WithReference(notificationsApi).WaitFor(notificationsApi)
    .WithIdentity(identity)
    .WithPublicHttpEndpoints();

// Publishing: `--operation publish --step kubernetes --output-path DIR` writes kustomize manifests of this model.
builder.AddKubernetesManifests();

builder.Build().Run();
