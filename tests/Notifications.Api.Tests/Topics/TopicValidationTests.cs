using Notifications.Api.Sending;
using Notifications.Api.Topics;
using NotificationAspire.Http;

namespace Notifications.Api.Tests.Topics;

/// <summary>Topic keys, names and subscriber lists, and a send's topics: every refusal names the field a caller must fix.</summary>
public sealed class TopicValidationTests
{
    [Theory]
    [InlineData("product-news", true)]
    [InlineData("a1", true)]
    [InlineData("Product-News", false)]
    [InlineData("news--weekly", false)]
    [InlineData("-news", false)]
    [InlineData("", false)]
    public void A_topic_key_is_a_lowercase_slug(string key, bool valid) => Assert.Equal(valid, TopicRules.IsKey(key));

    [Fact]
    public void A_topic_needs_a_key_and_a_one_line_name()
    {
        var errors = new FieldErrors();
        TopicRules.ValidateCreate(new CreateTopicRequest("Bad Key", "News\nflash"), errors);

        Assert.Equal(["key", "name"], errors.ByField.Keys.Order());
    }

    [Fact]
    public void Ten_thousand_subscribers_in_one_call_are_allowed_and_one_more_is_refused()
    {
        var ok = new FieldErrors();
        Assert.Equal(10_000, TopicRules.UserIds(new SubscribersRequest(People(10_000)), ok)?.Count);

        var tooMany = new FieldErrors();
        Assert.Null(TopicRules.UserIds(new SubscribersRequest(People(10_001)), tooMany));
        Assert.Contains("userIds", tooMany.ByField.Keys);
    }

    [Fact]
    public void An_invalid_user_id_is_named_by_its_index()
    {
        var errors = new FieldErrors();

        Assert.Null(TopicRules.UserIds(new SubscribersRequest(["alice", " ", "bob\n"]), errors));
        Assert.Equal(["userIds[1]", "userIds[2]"], errors.ByField.Keys.Order());
    }

    [Fact]
    public void A_person_listed_twice_is_subscribed_once() =>
        Assert.Equal(["alice", "bob"], TopicRules.UserIds(new SubscribersRequest(["alice", "bob", "alice"]), new FieldErrors()));

    [Fact]
    public void An_empty_list_of_subscribers_is_refused()
    {
        var errors = new FieldErrors();
        TopicRules.UserIds(new SubscribersRequest([]), errors);
        Assert.Contains("userIds", errors.ByField.Keys);
    }

    [Fact]
    public void A_send_to_topics_alone_needs_no_recipients() =>
        Assert.Empty(Validate(Send(recipients: null, topics: ["product-news"])));

    [Fact]
    public void A_send_without_recipients_or_topics_is_refused() =>
        Assert.Contains("recipients", Validate(Send(recipients: null, topics: null)).Keys);

    [Fact]
    public void A_send_names_each_bad_topic_by_its_index()
    {
        var errors = Validate(Send(recipients: null, topics: ["news", "Bad", "news"]));

        Assert.Equal(["topics[1]", "topics[2]"], errors.Keys.Order());
    }

    [Fact]
    public void A_send_with_an_empty_topic_list_or_more_than_ten_is_refused()
    {
        Assert.Contains("topics", Validate(Send(recipients: null, topics: [])).Keys);
        Assert.Contains("topics", Validate(Send(recipients: null, topics: [.. Enumerable.Range(0, 11).Select(i => $"t{i}")])).Keys);
    }

    private static string?[] People(int count) => [.. Enumerable.Range(0, count).Select(i => $"person-{i:D5}")];

    private static Dictionary<string, string[]> Validate(SendNotificationRequest request) =>
        SendNotificationValidator.Validate(request, null, DateTimeOffset.UtcNow);

    private static SendNotificationRequest Send(IReadOnlyList<RecipientRequest>? recipients, IReadOnlyList<string>? topics) =>
        new("email", recipients, "Hello", "It works.", null, null, null, Topics: topics);
}
