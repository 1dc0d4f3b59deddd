using System.Text.Json.Nodes;
using NotificationAspire.Http;
using Preferences.Api.Recipients;

namespace Preferences.Api.Tests.Recipients;

/// <summary>What a profile may hold, and the one spelling of each value the worker then reads.</summary>
public sealed class RecipientRulesTests
{
    [Theory]
    [InlineData("+4915112345678")]
    [InlineData("+12")]
    [InlineData("+123456789012345")] // 15 digits, E.164's most
    public void An_E164_number_is_accepted(string phone) => Assert.True(RecipientRules.IsE164(phone));

    [Theory]
    [InlineData("4915112345678")] // no +
    [InlineData("+1234567890123456")] // 16 digits
    [InlineData("+0151123456")] // no country code starts with 0
    [InlineData("+49 151 12345678")]
    [InlineData("+4915112345678\n")] // a trailing newline, which $ would have let through
    [InlineData("+٤٩١٥١")] // Arabic-Indic digits
    [InlineData("+1")]
    public void Anything_else_is_not_an_E164_number(string phone) => Assert.False(RecipientRules.IsE164(phone));

    [Theory]
    [InlineData("de-AT", "de-AT")]
    [InlineData("de-at", "de-AT")]
    [InlineData("en", "en")]
    [InlineData("pt-BR", "pt-BR")]
    public void A_known_locale_is_stored_by_its_canonical_name(string given, string stored) =>
        Assert.Equal(stored, RecipientRules.CanonicalLocale(given));

    [Theory]
    [InlineData("xx-YY-zz")]
    [InlineData("not a locale")]
    [InlineData("")]
    [InlineData("de-AT\n")]
    public void An_unknown_locale_is_refused(string given) => Assert.Null(RecipientRules.CanonicalLocale(given));

    [Theory]
    [InlineData("Europe/Berlin", "Europe/Berlin")]
    [InlineData("America/New_York", "America/New_York")]
    [InlineData("UTC", "UTC")]
    [InlineData("Etc/GMT+5", "Etc/GMT+5")]
    [InlineData("America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires")]
    [InlineData("Asia/Kolkata", "Asia/Kolkata")]
    [InlineData("Asia/Calcutta", "Asia/Calcutta")] // an old name, still an IANA link
    [InlineData("US/Eastern", "US/Eastern")]
    [InlineData("W. Europe Standard Time", "Europe/Berlin")] // a Windows id is stored as its IANA id
    public void A_known_time_zone_is_stored_by_its_IANA_id(string given, string stored) =>
        Assert.Equal(stored, RecipientRules.IanaTimeZone(given));

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("../../etc/passwd")]
    [InlineData("localtime")]
    [InlineData("posixrules")]
    [InlineData("posix/Europe/Berlin")]
    [InlineData("right/Europe/Berlin")]
    [InlineData("")]
    [InlineData("Europe/Berlin\n")]
    public void An_unknown_time_zone_is_refused(string given) => Assert.Null(RecipientRules.IanaTimeZone(given));

    [Theory]
    [InlineData("alice@example.com", true)]
    [InlineData("Alice <alice@example.com>", false)]
    [InlineData("alice", false)]
    [InlineData("alice@example.com, bob@example.com", false)]
    [InlineData("alice@exa\nmple.com", false)]
    public void An_email_is_one_bare_address(string email, bool valid) => Assert.Equal(valid, RecipientRules.IsEmailAddress(email));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("a\nb")]
    public void A_user_id_is_required_on_one_line(string? userId) => Assert.NotNull(RecipientRules.UserIdProblem(userId));

    [Fact]
    public void A_user_id_is_at_most_200_characters()
    {
        Assert.Null(RecipientRules.UserIdProblem(new string('u', 200)));
        Assert.NotNull(RecipientRules.UserIdProblem(new string('u', 201)));
    }

    [Fact]
    public void A_valid_profile_is_normalized()
    {
        var errors = new FieldErrors();

        var details = RecipientRules.Normalize(
            new RecipientRequest(" alice@example.com ", "+4915112345678", "de-at", "W. Europe Standard Time", new JsonObject { ["firstName"] = "Alice" }), "", errors);

        Assert.False(errors.Any);
        Assert.Equal(("alice@example.com", "de-AT", "Europe/Berlin"), (details.Email, details.Locale, details.TimeZone));
    }

    [Fact]
    public void Every_bad_field_is_reported_under_its_own_name()
    {
        var errors = new FieldErrors();

        RecipientRules.Normalize(new RecipientRequest("nope", "0151", "xx-YY-zz", "Mars/Olympus_Mons", null), "", errors);

        Assert.Equal(["email", "locale", "phone", "timeZone"], errors.ByField.Keys.Order());
    }

    [Fact]
    public void Custom_data_is_limited_in_size()
    {
        var errors = new FieldErrors();

        RecipientRules.Normalize(new RecipientRequest(null, null, null, null, new JsonObject { ["notes"] = new string('x', RecipientRules.MaxDataBytes) }), "", errors);

        Assert.Contains("data", errors.ByField.Keys);
    }

    [Theory]
    [InlineData("""{"tags":["ok","bad\u0000"]}""", "data.tags[1]", TextRules.NulMessage)]
    [InlineData("""{"a":{"b":1,"b":2}}""", "data.a", FreeFormJson.DuplicateMessage)]
    [InlineData("""{"s":"\ud800"}""", "data.s", FreeFormJson.NotUnicodeMessage)]
    [InlineData("""{"n":1e999999}""", "data.n", FreeFormJson.NumberMessage)]
    [InlineData("""{"n":[-1e-400]}""", "data.n[0]", FreeFormJson.NumberMessage)]
    public void Custom_data_the_database_would_refuse_is_named_at_its_path(string json, string field, string message)
    {
        var errors = new FieldErrors();
        // Parsed as the request reader parses it: lazily, so the walk is where each problem shows.
        var data = System.Text.Json.JsonSerializer.Deserialize<JsonObject>(json);

        RecipientRules.Normalize(new RecipientRequest(null, null, null, null, data), "", errors);

        Assert.Equal([message], errors.ByField[field]);
    }

    [Fact]
    public void Ordinary_numbers_in_custom_data_are_kept()
    {
        var errors = new FieldErrors();

        RecipientRules.Normalize(new RecipientRequest(null, null, null, null, new JsonObject { ["n"] = 1e300, ["m"] = -0.5, ["k"] = 42 }), "", errors);

        Assert.False(errors.Any);
    }
}
