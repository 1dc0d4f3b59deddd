using System.Buffers.Text;
using System.Security.Cryptography;
using Aspire.Hosting.Publishing;

namespace NotificationAspire.AppHost.PushHosting;

/// <summary>
/// The VAPID key pair (RFC 8292) that signs every push: two secret parameters, `vapid-public-key` and
/// `vapid-private-key` (base64url, 65 and 32 bytes). Run, a P-256 pair is generated on first start and kept in
/// the AppHost's user secrets (never the repo); deployed, the operator supplies both, as the generated manifests'
/// Secret placeholders say. Changing the pair invalidates every browser's subscription, which is bound to the
/// public key it was made with: keep it.
/// </summary>
public sealed class VapidKeys
{
    public VapidKeys(IDistributedApplicationBuilder builder)
    {
        var pair = new Lazy<(string Public, string Private)>(Generate);
        PublicKey = Secret(builder, "vapid-public-key", () => pair.Value.Public);
        PrivateKey = Secret(builder, "vapid-private-key", () => pair.Value.Private);
    }

    public IResourceBuilder<ParameterResource> PublicKey { get; }

    public IResourceBuilder<ParameterResource> PrivateKey { get; }

    private static IResourceBuilder<ParameterResource> Secret(IDistributedApplicationBuilder builder, string name, Func<string> generate) =>
        builder.ExecutionContext.IsPublishMode
            ? builder.AddParameter(name, secret: true)
            : builder.AddParameter(name, new GeneratedKeyDefault(generate), secret: true, persist: true);

    private static (string Public, string Private) Generate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = key.ExportParameters(includePrivateParameters: true);
        return (Base64Url.EncodeToString([4, .. p.Q.X!, .. p.Q.Y!]), Base64Url.EncodeToString(p.D!));
    }

    /// <summary>
    /// One half of a pair generated once per AppHost start, so both parameters get halves of the same pair when
    /// neither is stored yet. Only used when run: a manifest cannot say "generate a P-256 key".
    /// </summary>
    private sealed class GeneratedKeyDefault(Func<string> generate) : ParameterDefault
    {
        public override string GetDefaultValue() => generate();

        public override void WriteToManifest(ManifestPublishingContext context)
        {
        }
    }
}
