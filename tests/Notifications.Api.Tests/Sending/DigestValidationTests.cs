using Notifications.Api.Sending;
using NotificationAspire.Contracts.Events;

namespace Notifications.Api.Tests.Sending;

/// <summary>`digest`: a key of letters, digits and `: _ . - /`, a window of 5 s to 24 h, an optional template that exists; each mistake named.</summary>
public sealed class DigestValidationTests
{
    [Fact]
    public void A_digest_with_a_key_and_a_window_is_taken()
    {
        var digest = Parse(new DigestRequestBody("comments:42", 600), null, out var errors);

        Assert.Empty(errors);
        Assert.Equal(new DigestRequest("comments:42", TimeSpan.FromMinutes(10)), digest);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("comments 42")]
    [InlineData("comments\n42")]
    [InlineData("kommentare:ä")]
    public void A_missing_or_odd_key_is_an_error_at_digest_key(string? key)
    {
        Parse(new DigestRequestBody(key, 600), null, out var errors);

        Assert.Equal(["digest.key"], errors.Keys);
    }

    [Fact]
    public void A_key_over_the_limit_is_an_error_at_digest_key()
    {
        Parse(new DigestRequestBody(new string('k', DigestRules.MaxKeyLength + 1), 600), null, out var errors);

        Assert.Equal(["digest.key"], errors.Keys);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(4)]
    [InlineData(86_401)]
    [InlineData(-10)]
    public void A_window_outside_5_seconds_to_a_day_is_an_error_at_digest_window_seconds(int? seconds)
    {
        Parse(new DigestRequestBody("comments:42", seconds), null, out var errors);

        Assert.Equal(["digest.windowSeconds"], errors.Keys);
    }

    [Fact]
    public void An_unknown_digest_template_is_an_error_at_digest_template_key()
    {
        Parse(new DigestRequestBody("comments:42", 600, "no-such-template"), SeededTemplates.LookUp("no-such-template"), out var errors);

        Assert.Equal(["digest.templateKey"], errors.Keys);
    }

    [Fact]
    public void A_known_digest_template_is_pinned()
    {
        var digest = Parse(new DigestRequestBody("comments:42", 600, "order-shipped"), SeededTemplates.LookUp("order-shipped"), out var errors);

        Assert.Empty(errors);
        Assert.Equal(("order-shipped", 1), (digest!.Template!.Key, digest.Template.Version));
    }

    [Fact]
    public void The_send_validator_names_the_digest_fields()
    {
        var request = new SendNotificationRequest("email", [new RecipientRequest("alice", "alice@example.com")], "Hello", "It works.", null, null, null,
            Digest: new DigestRequestBody("bad key", 1));

        var errors = SendNotificationValidator.Validate(request, null, DateTimeOffset.UtcNow);

        Assert.Contains("digest.key", errors.Keys);
        Assert.Contains("digest.windowSeconds", errors.Keys);
    }

    [Fact]
    public void A_digest_for_a_topic_send_is_an_error_at_digest()
    {
        var request = new SendNotificationRequest("email", null, "Hello", "It works.", null, null, null,
            Topics: ["product-news"], Digest: new DigestRequestBody("comments:42", 600));

        var errors = SendNotificationValidator.Validate(request, null, DateTimeOffset.UtcNow);

        Assert.Equal(["digest"], errors.Keys);
    }

    private static DigestRequest? Parse(DigestRequestBody body, Notifications.Api.Templates.TemplateLookup? template, out Dictionary<string, string[]> errors)
    {
        var found = new Dictionary<string, string[]>();
        var digest = DigestRules.Parse(body, template, (field, message) => found[field] = [message]);
        errors = found;
        return digest;
    }
}
