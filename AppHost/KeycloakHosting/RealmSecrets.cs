namespace NotificationAspire.AppHost.KeycloakHosting;

/// <summary>
/// The realm file names its secrets as `${NAME}` placeholders; these parameters fill them, so no secret is in
/// the repository or in a published manifest. Generated on first run and kept in the AppHost's user secrets.
/// </summary>
public sealed class RealmSecrets
{
    /// <summary>Realm-file placeholder to the parameter that fills it.</summary>
    public IReadOnlyDictionary<string, IResourceBuilder<ParameterResource>> Placeholders { get; }

    /// <summary>The secret of `ops-console`, the admin client the dashboard's operator commands use.</summary>
    public IResourceBuilder<ParameterResource> OpsConsoleSecret { get; }

    /// <summary>The secret of `delivery-worker`, which reads recipients' profiles from `preferences-api`.</summary>
    public IResourceBuilder<ParameterResource> DeliveryWorkerSecret { get; }

    /// <summary>The secret of `gateway`, the confidential client browsers sign in through (code flow with PKCE).</summary>
    public IResourceBuilder<ParameterResource> GatewaySecret { get; }

    public RealmSecrets(IDistributedApplicationBuilder builder)
    {
        OpsConsoleSecret = Generated(builder, "ops-console-client-secret");
        DeliveryWorkerSecret = Generated(builder, "delivery-worker-client-secret");
        GatewaySecret = Generated(builder, "gateway-client-secret");
        Placeholders = new Dictionary<string, IResourceBuilder<ParameterResource>>
        {
            ["OPS_CONSOLE_CLIENT_SECRET"] = OpsConsoleSecret,
            ["ORDER_SERVICE_CLIENT_SECRET"] = Generated(builder, "order-service-client-secret"),
            ["BILLING_SERVICE_CLIENT_SECRET"] = Generated(builder, "billing-service-client-secret"),
            ["ANALYTICS_SERVICE_CLIENT_SECRET"] = Generated(builder, "analytics-service-client-secret"),
            ["ACCOUNT_SERVICE_CLIENT_SECRET"] = Generated(builder, "account-service-client-secret"),
            // Both probe clients of the dev realm (no roles; tests use them for expired and foreign-audience tokens).
            ["PROBE_CLIENT_SECRET"] = Generated(builder, "probe-client-secret"),
            ["DELIVERY_WORKER_CLIENT_SECRET"] = DeliveryWorkerSecret,
            ["GATEWAY_CLIENT_SECRET"] = GatewaySecret,
            ["DEMO_USER_PASSWORD"] = Generated(builder, "demo-user-password"),
        };
    }

    private static IResourceBuilder<ParameterResource> Generated(IDistributedApplicationBuilder builder, string name) =>
        builder.AddParameter(name, new GenerateParameterDefault { MinLength = 24, Special = false }, secret: true, persist: true);
}
