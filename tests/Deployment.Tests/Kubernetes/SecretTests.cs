using System.Text.RegularExpressions;
using Deployment.Tests.Support;

namespace Deployment.Tests.Kubernetes;

/// <summary>Secrets are referenced by name and key, never written: not in a file, not in a rendered object.</summary>
[Collection(GeneratedManifestsCollection.Name)]
public sealed partial class SecretTests(GeneratedManifests generated)
{
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

    [GeneratedRegex(@"(?i)password=(?<value>[^;\s""']*)")]
    private static partial Regex PasswordAssignment();

    [GeneratedRegex(@"(?i)password|secret|apikey|token")]
    private static partial Regex SecretLikeName();
}
