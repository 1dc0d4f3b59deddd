using NotificationAspire.AppHost.Edge;
using NotificationAspire.AppHost.Infrastructure;
using NotificationAspire.AppHost.Kubernetes;
using NotificationAspire.AppHost.KafkaHosting;
using NotificationAspire.AppHost.KeycloakHosting;
using NotificationAspire.AppHost.MailHosting;
using NotificationAspire.AppHost.Operations;
using NotificationAspire.AppHost.PostgresHosting;
using NotificationAspire.AppHost.PushHosting;
using NotificationAspire.AppHost.Recipients;
using NotificationAspire.AppHost.SmsHosting;
using NotificationAspire.Contracts;

var builder = DistributedApplication.CreateBuilder(args);
var mode = builder.ResolveInfrastructureMode();

// Infrastructure: the same four resources in both modes (containers, or local stand-ins).
var postgres = builder.AddPlatformPostgres(ResourceNames.Postgres, mode);
var notificationsDb = postgres.AddPlatformDatabase(ResourceNames.NotificationsDatabase);
var deliveryDb = postgres.AddPlatformDatabase(ResourceNames.DeliveryDatabase);
var preferencesDb = postgres.AddPlatformDatabase(ResourceNames.PreferencesDatabase);
var gatewayDb = postgres.AddPlatformDatabase(ResourceNames.GatewayDatabase);
var inboxDb = postgres.AddPlatformDatabase(ResourceNames.InboxDatabase);
var kafka = builder.AddKafkaBroker(ResourceNames.Kafka, mode);
var realmSecrets = new RealmSecrets(builder);
var identity = builder.AddIdentityProvider(ResourceNames.Identity, mode, realmSecrets);
var mail = builder.AddMailServer(ResourceNames.Mail, mode);
// SMS providers' accounts (secret parameters), and when run, a stand-in that speaks Twilio's and Vonage's APIs.
var smsAccounts = new SmsAccounts(builder);
var smsCarrier = builder.AddSmsCarrier(smsAccounts);
// The VAPID key pair that signs web push (secret parameters), and when run, a push service stand-in.
var vapidKeys = new VapidKeys(builder);
builder.AddPushService(vapidKeys);

// Services, in dependency order.
var notificationsApi = builder.AddProject<Projects.Notifications_Api>(ResourceNames.NotificationsApi)
    .WithPlatformDefaults()
    .WithReference(notificationsDb).WaitFor(notificationsDb)
    .WithReference(kafka).WaitFor(kafka)
    .WithIdentity(identity)
    .WithDeadLetterReplayCommand(identity, realmSecrets.OpsConsoleSecret);

var unsubscribeKey = builder.AddUnsubscribeSigningKey();
var preferencesApi = builder.AddProject<Projects.Preferences_Api>(ResourceNames.PreferencesApi)
    .WithPlatformDefaults()
    .WithReference(preferencesDb).WaitFor(preferencesDb)
    .WithIdentity(identity)
    .WithUnsubscribeVerification(unsubscribeKey)
    .WithApplicationServerKey(vapidKeys);

// The read side: inboxes and delivery timelines projected from events; its notification center also asks
// preferences-api about the person (with the person's own token).
var inboxApi = builder.AddProject<Projects.Inbox_Api>(ResourceNames.InboxApi)
    .WithPlatformDefaults()
    .WithReference(inboxDb).WaitFor(inboxDb)
    .WithReference(kafka).WaitFor(kafka)
    .WithReference(preferencesApi)
    .WithIdentity(identity)
    .WithProjectionRebuildCommand(identity, realmSecrets.OpsConsoleSecret);

// The web console: static pages only, reached through the gateway (one origin with the browser session).
var console = builder.AddProject<Projects.Console>(ResourceNames.Console)
    .WithPlatformDefaults();

var gateway = builder.AddProject<Projects.Gateway>(ResourceNames.Gateway)
    .WithPlatformDefaults()
    .WithReference(console).WaitFor(console)
    .WithReference(notificationsApi).WaitFor(notificationsApi)
    .WithReference(preferencesApi).WaitFor(preferencesApi)
    .WithReference(inboxApi).WaitFor(inboxApi)
    .WithIdentity(identity)
    .WithRateLimitSettings(builder.Configuration)
    .WithBrowserSignIn(gatewayDb, realmSecrets.GatewaySecret)
    .WithPublicHttpEndpoints();

// Several members of one consumer group (`DeliveryWorker:Replicas`, 2 by default): partitions rebalance between
// them as replicas come and go. Each attempt asks preferences-api about the person (with the worker's own token)
// and signs unsubscribe links that point at the gateway.
builder.AddProject<Projects.Delivery_Worker>(ResourceNames.DeliveryWorker)
    .WithReplicas(builder.DeliveryWorkerReplicas())
    .WithPlatformDefaults()
    .WithReference(deliveryDb).WaitFor(deliveryDb)
    .WithReference(kafka).WaitFor(kafka)
    .WithMailDelivery(mail)
    .WithSmsProviders(smsAccounts, smsCarrier)
    .WithWebPush(vapidKeys)
    .WithReference(preferencesApi).WaitFor(preferencesApi)
    .WithIdentity(identity)
    .WithServiceClient(ServiceClients.DeliveryWorker, realmSecrets.DeliveryWorkerSecret)
    .WithUnsubscribeLinks(unsubscribeKey, gateway);

// Publishing: `--operation publish --step kubernetes --output-path DIR` writes kustomize manifests of this model.
builder.AddKubernetesManifests();

builder.Build().Run();
