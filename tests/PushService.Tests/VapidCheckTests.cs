using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.AspNetCore.Http;
using NotificationAspire.Standins.PushService.Push;

namespace PushService.Tests;

/// <summary>
/// The stand-in accepts what the worker's client really sends (so the end-to-end tests prove delivery, not a
/// stand-in bent to fit) and refuses what a real push service refuses: another key, a forged signature, another audience.
/// </summary>
public sealed class VapidCheckTests
{
    private const string Endpoint = "http://localhost:5193/push/abc";
    private static readonly (string Public, string Private) Vapid = NewKeyPair();

    [Fact]
    public async Task The_worker_clients_vapid_header_passes()
    {
        var header = await HeaderSentByLibAsync(Vapid);

        Assert.Null(VapidCheck.Problem(header, Audiences(), Vapid.Public, DateTimeOffset.UtcNow, out var subject));
        Assert.Equal("mailto:operators@example.com", subject);
    }

    [Fact]
    public async Task A_header_signed_with_another_key_is_refused_as_not_the_subscriptions_key()
    {
        var header = await HeaderSentByLibAsync(NewKeyPair());

        Assert.StartsWith("k is not the application server key", VapidCheck.Problem(header, Audiences(), Vapid.Public, DateTimeOffset.UtcNow, out _));
    }

    [Fact]
    public async Task A_forged_signature_is_refused()
    {
        var header = await HeaderSentByLibAsync(Vapid);
        var t = header["vapid t=".Length..header.IndexOf(',')];
        var forged = header.Replace(t, t[..^4] + (t[^4..] == "AAAA" ? "BBBB" : "AAAA"));

        Assert.NotNull(VapidCheck.Problem(forged, Audiences(), Vapid.Public, DateTimeOffset.UtcNow, out _));
    }

    [Fact]
    public async Task A_token_for_another_push_service_is_refused()
    {
        var header = await HeaderSentByLibAsync(Vapid);

        Assert.StartsWith("aud must be", VapidCheck.Problem(header, ["https://updates.push.services.mozilla.com"], Vapid.Public, DateTimeOffset.UtcNow, out _));
    }

    [Fact]
    public async Task An_expired_token_is_refused() =>
        Assert.StartsWith("exp must be", VapidCheck.Problem(await HeaderSentByLibAsync(Vapid), Audiences(), Vapid.Public, DateTimeOffset.UtcNow.AddDays(2), out _));

    /// <summary>The origin of <see cref="Endpoint"/> as the stand-in sees the request.</summary>
    private static IReadOnlyList<string> Audiences()
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost", 5193);
        return VapidCheck.AudiencesOf(context.Request);
    }

    private static async Task<string> HeaderSentByLibAsync((string Public, string Private) keys)
    {
        var capture = new CapturingHandler();
        var client = new PushServiceClient(new HttpClient(capture));
        var subscription = new PushSubscription { Endpoint = Endpoint, Keys = new Dictionary<string, string> { ["p256dh"] = Browser(), ["auth"] = Base64Url.EncodeToString(new byte[16]) } };
        await client.RequestPushMessageDeliveryAsync(subscription, new PushMessage("{}"), new VapidAuthentication(keys.Public, keys.Private) { Subject = "mailto:operators@example.com" });
        return capture.Authorization!;
    }

    private static (string Public, string Private) NewKeyPair()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = key.ExportParameters(true);
        return (Base64Url.EncodeToString([4, .. p.Q.X!, .. p.Q.Y!]), Base64Url.EncodeToString(p.D!));
    }

    private static string Browser() => NewKeyPair().Public;

    private sealed class CapturingHandler : HttpMessageHandler
    {
        public string? Authorization { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Authorization = request.Headers.Authorization?.ToString();
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Created));
        }
    }
}
