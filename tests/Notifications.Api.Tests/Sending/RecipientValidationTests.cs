using Notifications.Api.Sending;

namespace Notifications.Api.Tests.Sending;

/// <summary>Who a send request may go to: one to a hundred distinct recipients, each with a contact its channel can use or none (their profile has it).</summary>
public sealed class RecipientValidationTests
{
    [Fact]
    public void A_request_without_recipients_is_refused()
    {
        Assert.Contains("recipients", Validate([]).Keys);
        Assert.Contains("recipients", SendNotificationValidator.Validate(Email([]) with { Recipients = null }, null, DateTimeOffset.UtcNow).Keys);
    }

    [Fact]
    public void A_hundred_recipients_are_allowed_and_one_more_is_refused()
    {
        Assert.Empty(Validate(People(SendNotificationValidator.MaxRecipients)));
        Assert.Equal(["At most 100 recipients per request."], Validate(People(SendNotificationValidator.MaxRecipients + 1))["recipients"]);
    }

    [Fact]
    public void A_recipient_listed_twice_is_refused_at_the_second_listing()
    {
        var errors = Validate([new("alice", "alice@example.com"), new("bob", "bob@example.com"), new("alice", "alice@work.example")]);

        Assert.Equal(["'alice' is listed more than once."], errors["recipients[2].userId"]);
        Assert.DoesNotContain("recipients[0].userId", errors.Keys);
    }

    [Fact]
    public void User_ids_differing_only_in_case_are_different_recipients() =>
        Assert.Empty(Validate([new("alice", "alice@example.com"), new("Alice", "alice@example.com")]));

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void A_recipient_needs_a_user_id(string? userId) =>
        Assert.Contains("recipients[0].userId", Validate([new(userId, "alice@example.com")]).Keys);

    [Fact]
    public void A_user_id_of_the_maximum_length_is_allowed_and_one_longer_is_refused()
    {
        Assert.Empty(Validate([new(new string('u', SendNotificationValidator.MaxKeyLength), "alice@example.com")]));
        Assert.Contains("recipients[0].userId", Validate([new(new string('u', SendNotificationValidator.MaxKeyLength + 1), "alice@example.com")]).Keys);
    }

    [Fact]
    public void A_recipient_without_a_contact_is_reached_through_their_profile() =>
        Assert.Empty(Validate([new("alice", null)]));

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void A_contact_that_is_given_must_not_be_blank(string contact) =>
        Assert.Contains("recipients[0].contact", Validate([new("alice", contact)]).Keys);

    [Fact]
    public void A_contact_of_the_maximum_length_is_allowed_and_one_longer_is_refused()
    {
        var local = new string('a', 64);
        var domain = string.Join('.', Enumerable.Repeat(new string('d', 63), 4))[..(SendNotificationValidator.MaxContactLength - 65)];
        Assert.Empty(Validate([new("alice", $"{local}@{domain}")]));
        Assert.Contains("recipients[0].contact", Validate([new("alice", $"{local}@{domain}x")]).Keys);
    }

    [Fact]
    public void Without_a_channel_a_contact_must_still_be_an_email_address_the_only_inline_contact_there_is() =>
        Assert.Equal(["'+4915112345678' is not an email address."],
            SendNotificationValidator.Validate(Email([new("alice", "+4915112345678")]) with { Channel = null }, null, DateTimeOffset.UtcNow)["recipients[0].contact"]);

    [Theory]
    [InlineData("alice")]
    [InlineData("Alice <alice@example.com>")]
    [InlineData("alice@example.com, bob@example.com")]
    public void An_email_contact_must_be_one_bare_address(string contact) =>
        Assert.Equal([$"'{contact}' is not an email address."], Validate([new("alice", contact)])["recipients[0].contact"]);

    private static Dictionary<string, string[]> Validate(IReadOnlyList<RecipientRequest> recipients) =>
        SendNotificationValidator.Validate(Email(recipients), null, DateTimeOffset.UtcNow);

    private static SendNotificationRequest Email(IReadOnlyList<RecipientRequest> recipients) =>
        new("email", recipients, "Hello", "It works.", null, null, null);

    private static RecipientRequest[] People(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new RecipientRequest($"user-{i}", $"user-{i}@example.com"))];
}
