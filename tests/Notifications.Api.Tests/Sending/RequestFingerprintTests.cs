using System.Text.Json.Nodes;
using Notifications.Api.Sending;

namespace Notifications.Api.Tests.Sending;

/// <summary>A retry with the same Idempotency-Key is told from a different request by what it asks for, every field included.</summary>
public sealed class RequestFingerprintTests
{
    [Fact]
    public void The_same_request_has_the_same_fingerprint() =>
        Assert.Equal(RequestFingerprint.Of(Request()), RequestFingerprint.Of(Request()));

    [Fact]
    public void Template_data_compares_by_content_not_by_instance() =>
        Assert.Equal(RequestFingerprint.Of(Request() with { TemplateData = new JsonObject { ["name"] = "Alice" } }),
            RequestFingerprint.Of(Request() with { TemplateData = new JsonObject { ["name"] = "Alice" } }));

    public static TheoryData<string, Func<SendNotificationRequest, SendNotificationRequest>> Changes => new()
    {
        { "category", r => r with { Category = "security" } },
        { "template version", r => r with { TemplateVersion = 2 } },
        { "template key", r => r with { TemplateKey = "password-changed" } },
        { "template data", r => r with { TemplateData = new JsonObject { ["name"] = "Bob" } } },
        { "channel", r => r with { Channel = "email" } },
        { "recipient contact", r => r with { Recipients = [new RecipientRequest("alice", "alice@example.com")] } },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void A_change_to_any_field_changes_the_fingerprint(string field, Func<SendNotificationRequest, SendNotificationRequest> change) =>
        Assert.True(RequestFingerprint.Of(Request()) != RequestFingerprint.Of(change(Request())), $"{field} is not in the fingerprint");

    [Fact]
    public void Fields_added_later_leave_the_fingerprint_of_a_request_without_them_as_it_was()
    {
        // The hash a request without category and templateVersion had before those fields existed (same serializer, same order).
        var before = new SendNotificationRequest("email", [new RecipientRequest("alice", "alice@example.com")], "Hi", "Text", null, null, "order-1");

        Assert.Equal(Sha256("""{"Channel":"email","Recipients":[{"UserId":"alice","Contact":"alice@example.com"}],"Subject":"Hi","Body":"Text","TemplateKey":null,"TemplateData":null,"CorrelationKey":"order-1"}"""),
            RequestFingerprint.Of(before));
    }

    private static string Sha256(string text) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    private static SendNotificationRequest Request() =>
        new(null, [new RecipientRequest("alice", null)], null, null, "order-shipped", new JsonObject { ["name"] = "Alice" }, null, Category: "order-updates");
}
