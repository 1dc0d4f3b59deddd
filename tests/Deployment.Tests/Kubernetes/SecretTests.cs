using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Deployment.Tests.Support;
using NotificationAspire.Contracts;

namespace Deployment.Tests.Kubernetes;

/// <summary>Secrets are referenced by name and key, never written: not in a file, not in a rendered object.</summary>
[Collection(GeneratedManifestsCollection.Name)]
public sealed partial class SecretTests(GeneratedManifests generated)
{
    public static TheoryData<string> Overlays => new(GeneratedManifests.Overlays);

    [Fact]
    public void No_generated_or_rendered_file_holds_a_secret_parameters_value()
    {
        Assert.NotEmpty(generated.SecretParameters());
        Assert.All(generated.Files(), file => Assert.DoesNotContain(GeneratedManifests.SecretSentinel, file.Content, StringComparison.Ordinal));
        Assert.All(generated.Rendered.Values, yaml => Assert.DoesNotContain(GeneratedManifests.SecretSentinel, yaml, StringComparison.Ordinal));
    }

    [Fact]
    public void No_overlay_defines_a_secret_it_only_references_them()
    {
        Assert.All(generated.Objects.Values, objects => Assert.Empty(objects.OfKind("Secret")));
        var references = generated.Objects.Values.SelectMany(o => o)
            .SelectMany(o => o.ToJsonString().Split("\"secretKeyRef\"").Skip(1)).Count();
        Assert.True(references > 0, "the workloads reference Secrets");
    }

    [Fact]
    public void Passwords_in_connection_strings_are_variables_that_kubernetes_fills_from_secrets()
    {
        foreach (var yaml in generated.Rendered.Values.Concat(generated.Files().Select(f => f.Content)))
        {
            foreach (Match password in PasswordAssignment().Matches(yaml))
            {
                Assert.StartsWith("$(", password.Groups["value"].Value, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Config_maps_hold_no_setting_named_like_a_secret()
    {
        var configs = generated.Objects.Values.SelectMany(o => o.OfKind("ConfigMap")).Where(c => c.Name() != "fluent-bit-config");
        Assert.All(configs, config => Assert.All(config["data"]!.AsObject(), setting =>
            Assert.DoesNotMatch(SecretLikeName(), setting.Key)));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void The_unsubscribe_key_and_the_workers_client_secret_are_secret_references_and_the_public_address_a_parameter(string overlay)
    {
        // Secret parameters of the manifest, so the sentinel check above covers their values too.
        Assert.Contains("unsubscribe-signing-key", generated.SecretParameters());
        Assert.Contains("delivery-worker-client-secret", generated.SecretParameters());
        Assert.DoesNotContain("public-base-url", generated.SecretParameters());

        var objects = generated.Objects[overlay];
        var worker = Env(objects, ResourceNames.DeliveryWorker);
        var preferences = Env(objects, ResourceNames.PreferencesApi);
        Assert.Equal(("delivery-worker-client-secret", "value"), Reference(worker, "Identity__ClientSecret", "secretKeyRef"));
        Assert.Equal(("unsubscribe-signing-key", "value"), Reference(worker, "Unsubscribe__SigningKey", "secretKeyRef"));
        Assert.Equal(("unsubscribe-signing-key", "value"), Reference(preferences, "Unsubscribe__SigningKey", "secretKeyRef"));
        Assert.Equal(("parameters", "public-base-url"), Reference(worker, "Unsubscribe__PublicBaseUrl", "configMapKeyRef"));
        if (overlay != "dev")
        {
            // Dev builds it from its own postgres (password from a Secret); the others take the platform team's Secret.
            Assert.Equal(($"{ResourceNames.PreferencesDatabase}-connection-string", "value"),
                Reference(preferences, $"ConnectionStrings__{ResourceNames.PreferencesDatabase}", "secretKeyRef"));
            Assert.Equal(($"{ResourceNames.InboxDatabase}-connection-string", "value"),
                Reference(Env(objects, ResourceNames.InboxApi), $"ConnectionStrings__{ResourceNames.InboxDatabase}", "secretKeyRef"));
        }

        // None of them is a plain setting of a generated ConfigMap.
        var settings = objects.OfKind("ConfigMap").SelectMany(c => c["data"]?.AsObject().Select(d => d.Key) ?? []).ToList();
        Assert.DoesNotContain("Identity__ClientSecret", settings);
        Assert.DoesNotContain("Unsubscribe__SigningKey", settings);
        Assert.DoesNotContain("Unsubscribe__PublicBaseUrl", settings);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void The_gateways_client_secret_is_a_secret_reference_and_its_session_database_has_its_own_connection_string(string overlay)
    {
        Assert.Contains("gateway-client-secret", generated.SecretParameters());
        var gateway = Env(generated.Objects[overlay], ResourceNames.Gateway);
        Assert.Equal(("gateway-client-secret", "value"), Reference(gateway, "Identity__ClientSecret", "secretKeyRef"));
        if (overlay != "dev")
        {
            Assert.Equal(($"{ResourceNames.GatewayDatabase}-connection-string", "value"),
                Reference(gateway, $"ConnectionStrings__{ResourceNames.GatewayDatabase}", "secretKeyRef"));
        }
    }

    [Fact]
    public void Keycloak_names_itself_by_its_public_address_and_its_admin_credentials_are_secrets()
    {
        var identity = generated.Objects["dev"].Named("StatefulSet", ResourceNames.Identity)["spec"]!["template"]!["spec"]!["containers"]![0]!["env"].Items().ToList();
        // One issuer for browsers and services: tokens a browser session got validate at every service.
        Assert.Equal(("parameters", "identity-public-url"), Reference(identity, "KC_HOSTNAME", "configMapKeyRef"));
        Assert.Equal("true", (string?)identity.Single(e => (string?)e["name"] == "KC_HOSTNAME_BACKCHANNEL_DYNAMIC")["value"]);
        // The realm file's redirect URIs of the gateway client include the gateway's public address.
        Assert.Equal(("parameters", "public-base-url"), Reference(identity, "GATEWAY_PUBLIC_URL", "configMapKeyRef"));
        Assert.Equal(("identity-admin-username", "value"), Reference(identity, "KC_BOOTSTRAP_ADMIN_USERNAME", "secretKeyRef"));
        Assert.Equal(("identity-admin-password", "value"), Reference(identity, "KC_BOOTSTRAP_ADMIN_PASSWORD", "secretKeyRef"));
    }

    private static List<JsonObject> Env(List<JsonObject> objects, string deployment) =>
        objects.Named("Deployment", deployment)["spec"]!["template"]!["spec"]!["containers"]![0]!["env"].Items().ToList();

    private static (string?, string?) Reference(List<JsonObject> env, string variable, string kind)
    {
        var reference = env.Single(e => (string?)e["name"] == variable)["valueFrom"]?[kind]
            ?? throw new Xunit.Sdk.XunitException($"{variable} is not a {kind}.");
        return ((string?)reference["name"], (string?)reference["key"]);
    }

    [GeneratedRegex(@"(?i)password=(?<value>[^;\s""']*)")]
    private static partial Regex PasswordAssignment();

    [GeneratedRegex(@"(?i)password|secret|apikey|token")]
    private static partial Regex SecretLikeName();
}
