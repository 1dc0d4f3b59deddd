using NotificationAspire.Contracts.Recipients;
using NotificationAspire.Http;
using Preferences.Api.Preferences;

namespace Preferences.Api.Tests.Preferences;

/// <summary>The preferences document: what it may say, where a mistake is reported, and that it reads back as written.</summary>
public sealed class PreferenceRulesTests
{
    private static readonly IReadOnlySet<string> Categories = new HashSet<string> { "general", "order-updates", "security" };

    [Fact]
    public void Global_and_per_category_choices_and_quiet_hours_are_accepted()
    {
        var document = new PreferenceDocument(
            new() { ["sms"] = false },
            new() { ["order-updates"] = new() { ["email"] = false, ["push"] = true } },
            new QuietHoursDocument("22:00", "07:00"));
        var errors = new FieldErrors();

        var set = PreferenceRules.Validate(document, Categories, errors);

        Assert.False(errors.Any);
        Assert.Equal(
            [new ChannelPreference(null, "sms", false), new ChannelPreference("order-updates", "email", false), new ChannelPreference("order-updates", "push", true)],
            set!.Entries);
        Assert.Equal(new QuietHoursWindow(new TimeOnly(22, 0), new TimeOnly(7, 0)), set.QuietHours); // across midnight
    }

    [Fact]
    public void An_empty_document_clears_everything()
    {
        var set = PreferenceRules.Validate(new PreferenceDocument(null, null, null), Categories, new FieldErrors());

        Assert.Equal((0, null), (set!.Entries.Count, set.QuietHours));
    }

    [Fact]
    public void An_unknown_category_is_named()
    {
        var errors = new FieldErrors();

        Assert.Null(PreferenceRules.Validate(new PreferenceDocument(null, new() { ["newsletters"] = new() { ["email"] = false } }, null), Categories, errors));
        Assert.Contains("newsletters", Assert.Single(errors.ByField["categories.newsletters"]));
    }

    [Fact]
    public void Unknown_channels_are_named_where_they_stand()
    {
        var errors = new FieldErrors();

        PreferenceRules.Validate(new PreferenceDocument(new() { ["fax"] = false }, new() { ["general"] = new() { ["pigeon"] = true } }, null), Categories, errors);

        Assert.Equal(["categories.general.pigeon", "channels.fax"], errors.ByField.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("24:00", "07:00", "quietHours.start")]
    [InlineData("22:00", "7", "quietHours.end")]
    [InlineData("10pm", "07:00", "quietHours.start")]
    [InlineData(null, "07:00", "quietHours.start")]
    [InlineData("22:00:30", "07:00", "quietHours.start")]
    [InlineData("22:00", "22:00", "quietHours")]
    public void Quiet_hours_are_two_different_HH_mm_times(string? start, string? end, string field)
    {
        var errors = new FieldErrors();

        Assert.Null(PreferenceRules.Validate(new PreferenceDocument(null, null, new QuietHoursDocument(start, end)), Categories, errors));
        Assert.Equal([field], errors.ByField.Keys);
    }

    [Fact]
    public void A_stored_set_reads_back_as_the_document_that_wrote_it()
    {
        var set = new PreferenceSet(
            [new ChannelPreference("order-updates", "email", false), new ChannelPreference(null, "sms", false)],
            new QuietHoursWindow(new TimeOnly(22, 0), new TimeOnly(7, 30)));

        var document = PreferenceDocument.From(set);

        Assert.Equal(new Dictionary<string, bool> { ["sms"] = false }, document.Channels);
        Assert.Equal(new Dictionary<string, bool> { ["email"] = false }, document.Categories!["order-updates"]);
        Assert.Equal(new QuietHoursDocument("22:00", "07:30"), document.QuietHours);
        Assert.Equal(set.Entries.OrderBy(e => e.Category).ToList(), PreferenceRules.Validate(document, Categories, new FieldErrors())!.Entries.OrderBy(e => e.Category).ToList());
    }
}
