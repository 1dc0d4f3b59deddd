using System.Buffers.Text;
using System.Security.Cryptography;
using NotificationAspire.Http;
using Preferences.Api.PushSubscriptions;

namespace Preferences.Api.Tests.PushSubscriptions;

/// <summary>A subscription is kept only when the worker can encrypt for it and POST to it; each refusal names its field.</summary>
public sealed class PushSubscriptionRulesTests
{
    private static readonly string BrowserKey = NewBrowserKey();
    private static readonly string AuthSecret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    [Fact]
    public void A_browsers_subscription_is_accepted_as_given()
    {
        var errors = new FieldErrors();
        var valid = PushSubscriptionRules.Validate(Request("https://push.example.net/send/abc"), allowHttp: false, errors);

        Assert.False(errors.Any);
        Assert.Equal("https://push.example.net/send/abc", valid!.Endpoint);
        Assert.Equal(BrowserKey, valid.P256dh);
        Assert.Equal(AuthSecret, valid.Auth);
    }

    [Theory]
    [InlineData("http://push.example.net/send/abc")]
    [InlineData("push.example.net/send/abc")]
    [InlineData("https://user:pw@push.example.net/send")]
    [InlineData("")]
    public void An_endpoint_that_is_not_an_absolute_https_url_is_refused_in_production(string endpoint) =>
        Assert.Contains("endpoint", Problems(Request(endpoint), allowHttp: false));

    [Fact]
    public void Plain_http_is_allowed_where_the_stand_in_listens() =>
        Assert.Empty(Problems(Request("http://localhost:5193/push/abc"), allowHttp: true));

    [Theory]
    [InlineData("BAAA")] // too short
    [InlineData("not base64url!")]
    public void A_p256dh_that_is_not_a_65_byte_point_is_refused(string p256dh) =>
        Assert.Equal(["keys.p256dh"], Problems(Request("https://push.example.net/x", p256dh: p256dh), allowHttp: false));

    [Fact]
    public void Sixty_five_bytes_that_are_no_point_of_the_curve_are_refused()
    {
        var notAPoint = new byte[65];
        notAPoint[0] = 4;
        notAPoint[64] = 7;
        Assert.Equal(["keys.p256dh"], Problems(Request("https://push.example.net/x", p256dh: Base64Url.EncodeToString(notAPoint)), allowHttp: false));
    }

    [Fact]
    public void An_auth_secret_of_other_than_16_bytes_is_refused() =>
        Assert.Equal(["keys.auth"], Problems(Request("https://push.example.net/x", auth: Base64Url.EncodeToString(new byte[12])), allowHttp: false));

    [Fact]
    public void Missing_keys_name_both_fields() =>
        Assert.Equal(["keys.auth", "keys.p256dh"], Problems(new PushSubscriptionRequest("https://push.example.net/x", null, null), allowHttp: false).Order());

    private static PushSubscriptionRequest Request(string endpoint, string? p256dh = null, string? auth = null) =>
        new(endpoint, null, new PushSubscriptionKeys(p256dh ?? BrowserKey, auth ?? AuthSecret));

    private static IEnumerable<string> Problems(PushSubscriptionRequest request, bool allowHttp)
    {
        var errors = new FieldErrors();
        PushSubscriptionRules.Validate(request, allowHttp, errors);
        return errors.ByField.Keys;
    }

    private static string NewBrowserKey()
    {
        using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var q = key.ExportParameters(false).Q;
        return Base64Url.EncodeToString([4, .. q.X!, .. q.Y!]);
    }
}
