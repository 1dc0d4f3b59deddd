using NotificationAspire.Contracts.Recipients;
using NotificationAspire.Http;
using Preferences.Api.Recipients;

namespace Preferences.Api.Tests.Recipients;

/// <summary>A bulk upsert is judged as a whole: every bad entry is named by its index, and none is stored if any is bad.</summary>
public sealed class BulkValidationTests
{
    [Fact]
    public void A_thousand_profiles_are_accepted()
    {
        var errors = new FieldErrors();

        var upserts = RecipientRules.NormalizeBulk(Bulk(RecipientLimits.MaxBulkRecipients), errors);

        Assert.False(errors.Any);
        Assert.Equal(RecipientLimits.MaxBulkRecipients, upserts?.Count);
    }

    [Fact]
    public void One_more_is_refused_as_a_whole()
    {
        var errors = new FieldErrors();

        Assert.Null(RecipientRules.NormalizeBulk(Bulk(RecipientLimits.MaxBulkRecipients + 1), errors));
        Assert.Equal(["recipients"], errors.ByField.Keys);
    }

    [Fact]
    public void An_empty_list_is_refused()
    {
        var errors = new FieldErrors();

        Assert.Null(RecipientRules.NormalizeBulk(new BulkRecipientsRequest([]), errors));
        Assert.Contains("recipients", errors.ByField.Keys);
    }

    [Fact]
    public void Bad_entries_are_named_by_index_and_nothing_is_returned()
    {
        var request = new BulkRecipientsRequest(
        [
            Person("a"),
            Person("a"),
            null,
            Person("d") with { Email = "not an address" },
            Person(null),
            Person("f") with { Phone = "+49 151", TimeZone = "Nowhere/Land" },
        ]);
        var errors = new FieldErrors();

        Assert.Null(RecipientRules.NormalizeBulk(request, errors));
        Assert.Equal(["recipients[1].userId", "recipients[2]", "recipients[3].email", "recipients[4].userId", "recipients[5].phone", "recipients[5].timeZone"],
            errors.ByField.Keys.Order(StringComparer.Ordinal));
    }

    private static BulkRecipientsRequest Bulk(int count) =>
        new([.. Enumerable.Range(0, count).Select(i => Person($"user-{i}") with { Email = $"user{i}@example.com", Locale = "en", TimeZone = "Europe/Berlin" })]);

    private static BulkRecipient Person(string? userId) => new(userId, null, null, null, null, null);
}
