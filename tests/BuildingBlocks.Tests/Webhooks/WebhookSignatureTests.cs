using System.Text;
using NotificationAspire.Webhooks;

namespace BuildingBlocks.Tests.Webhooks;

/// <summary>Standard Webhooks signing, checked against the spec's published example and a receiver's rules.</summary>
public sealed class WebhookSignatureTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1614265330);

    [Fact]
    public void Signs_the_spec_example_as_published()
    {
        Assert.True(WebhookSecret.TryParse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", out var secret));

        var signature = WebhookSignature.Sign("msg_p5jXN8AQM9LWM0D4loKWxJek", Now, Encoding.UTF8.GetBytes("""{"test": 2432232314}"""), [secret]);

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Fact]
    public void During_a_rotation_both_secrets_sign_and_a_receiver_with_either_verifies()
    {
        var (old, fresh) = (WebhookSecret.New(), WebhookSecret.New());
        var body = Encoding.UTF8.GetBytes("""{"type":"message.delivered"}""");

        var signatures = WebhookSignature.Sign("msg_1", Now, body, [old, fresh]);

        Assert.Equal(2, signatures.Split(' ').Length);
        Assert.True(WebhookSignature.Verify("msg_1", "1614265330", signatures, body, old, Now));
        Assert.True(WebhookSignature.Verify("msg_1", "1614265330", signatures, body, fresh, Now));
        Assert.False(WebhookSignature.Verify("msg_1", "1614265330", signatures, body, WebhookSecret.New(), Now));
    }

    [Fact]
    public void A_changed_body_id_or_a_stale_timestamp_does_not_verify()
    {
        var secret = WebhookSecret.New();
        var body = Encoding.UTF8.GetBytes("""{"a":1}""");
        var signatures = WebhookSignature.Sign("msg_1", Now, body, [secret]);

        Assert.False(WebhookSignature.Verify("msg_1", "1614265330", signatures, Encoding.UTF8.GetBytes("""{"a":2}"""), secret, Now));
        Assert.False(WebhookSignature.Verify("msg_2", "1614265330", signatures, body, secret, Now));
        Assert.False(WebhookSignature.Verify("msg_1", "1614265330", signatures, body, secret, Now + TimeSpan.FromMinutes(6)));
    }

    [Theory]
    [InlineData("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")] // no prefix
    [InlineData("whsec_")] // empty: a third-party library would sign with it
    [InlineData("whsec_c2hvcnQ=")] // 5 bytes
    [InlineData("whsec_not base64")]
    public void Secrets_that_are_not_whsec_of_24_to_64_bytes_are_refused(string text) =>
        Assert.False(WebhookSecret.TryParse(text, out _));
}
