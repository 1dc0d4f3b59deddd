using Notifications.Api.Data;
using Notifications.Api.Templates;
using NotificationAspire.Contracts.Templates;

namespace Notifications.Api.Tests.Templates;

/// <summary>
/// What an operator may save: a key, well-formed locales with the default among them, declared variables, and
/// parts in valid Liquid that read only what is declared. Errors name the field and, for Liquid, the position.
/// </summary>
public sealed class TemplateSaveValidatorTests
{
    [Fact]
    public void A_complete_template_is_valid() => Assert.False(Validate(Request()).Any);

    [Fact]
    public void The_seeded_templates_pass_the_checks_every_save_gets()
    {
        foreach (var template in TemplateSeed.Templates)
        {
            var version = TemplateSeed.Versions.Single(v => v.TemplateKey == template.Key);
            var variants = TemplateSeed.Variants.Where(v => v.TemplateKey == template.Key).Select(v => v.ToVariant()).ToList();

            var check = TemplateSaveValidator.Validate(template.Key, new SaveTemplateRequest(template.Name, template.Description, version.DefaultLocale, version.Variables, variants));

            Assert.False(check.Any, string.Join("; ", check.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        }
    }

    [Fact]
    public void A_syntax_error_is_refused_at_the_part_s_path_with_its_line_and_column()
    {
        var request = Request() with { Variants = [Variant("en"), Variant("de") with { EmailHtml = "<p>Hallo</p>\n<p>{{ name | }}</p>" }] };

        var check = Validate(request);

        Assert.Equal(["Liquid syntax error at line 2, column 13: An identifier was expected after the '|' sign."], check.Errors["variants[1].emailHtml"]);
        Assert.Equal(new SyntaxErrorAt("variants[1].emailHtml", 2, 13, "An identifier was expected after the '|' sign"), Assert.Single(check.SyntaxErrors));
    }

    [Fact]
    public void A_part_reading_an_undeclared_variable_is_refused_naming_it()
    {
        var request = Request() with { Variants = [Variant("en") with { EmailText = "Hi {{ name }}, your {{ coupon }} and {{ recipient.data.tier }}" }] };

        Assert.Equal(["Uses 'coupon', which is not among the template's variables; declare it there."], Validate(request).Errors["variants[0].emailText"]);
    }

    [Fact]
    public void The_default_locale_needs_a_variant()
    {
        var request = Request() with { DefaultLocale = "fr" };

        Assert.Equal(["No variant has the default locale 'fr'; every fallback ends there."], Validate(request).Errors["defaultLocale"]);
    }

    [Fact]
    public void The_default_locale_s_variant_is_found_case_insensitively() =>
        Assert.False(Validate(Request() with { DefaultLocale = "EN" }).Any);

    [Theory]
    [InlineData("de_AT")]
    [InlineData("deutsch-österreich")]
    [InlineData("")]
    public void Locales_must_be_BCP_47_tags(string locale)
    {
        var check = Validate(Request() with { Variants = [Variant("en"), Variant(locale)] });

        Assert.Contains("variants[1].locale", check.Errors.Keys);
    }

    [Fact]
    public void A_locale_twice_is_refused_at_the_second() =>
        Assert.Contains("variants[1].locale", Validate(Request() with { Variants = [Variant("de-AT"), Variant("de-at"), Variant("en")] }).Errors.Keys);

    [Fact]
    public void An_email_needs_a_subject_and_a_body()
    {
        var check = Validate(Request() with { Variants = [new TemplateVariant("en", EmailHtml: "<p>Hi</p>"), new TemplateVariant("de", EmailSubject: "Hallo")] });

        Assert.Equal(["An email needs a subject."], check.Errors["variants[0].emailSubject"]);
        Assert.Equal(["An email needs a text or an HTML body (emailText, emailHtml)."], check.Errors["variants[1].emailText"]);
    }

    [Fact]
    public void A_variant_for_other_channels_only_is_valid() =>
        Assert.False(Validate(Request() with { Variants = [new TemplateVariant("en", SmsText: "Hi {{ name }}", PushBody: "Hi", InAppBody: "Hi")] }).Any);

    [Fact]
    public void Every_locale_covers_the_channels_of_the_default_locale()
    {
        var request = Request() with
        {
            Variants = [Variant("en") with { SmsText = "Hi {{ name }}" }, Variant("de"), new TemplateVariant("fr", SmsText: "Salut {{ name }}")],
        };

        var errors = Validate(request).Errors;

        Assert.Equal(["Has no complete sms content, which the default locale's variant has; every locale covers the same channels."], errors["variants[1]"]);
        Assert.Contains("variants[2]", errors.Keys); // no email
        Assert.DoesNotContain("variants[0]", errors.Keys);
    }

    [Fact]
    public void A_variant_without_any_content_is_refused() =>
        Assert.Contains("variants[0]", Validate(Request() with { Variants = [new TemplateVariant("en")] }).Errors.Keys);

    [Fact]
    public void A_subject_source_stays_on_one_line() =>
        Assert.Contains("variants[0].emailSubject", Validate(Request() with { Variants = [Variant("en") with { EmailSubject = "Hi\n{{ name }}" }] }).Errors.Keys);

    [Theory]
    [InlineData("Order-Shipped")]
    [InlineData("order_shipped")]
    [InlineData("-order")]
    [InlineData("")]
    public void The_key_is_a_slug(string key) =>
        Assert.Contains("key", TemplateSaveValidator.Validate(key, Request()).Errors.Keys);

    [Theory]
    [InlineData("recipient")]
    [InlineData("forloop")]
    [InlineData("1st")]
    [InlineData("order-id")]
    public void Declared_variables_are_identifiers_the_platform_does_not_provide(string variable) =>
        Assert.Contains("variables[1]", Validate(Request() with { Variables = ["name", variable] }).Errors.Keys);

    [Fact]
    public void A_variable_declared_twice_is_refused() =>
        Assert.Contains("variables[1]", Validate(Request() with { Variables = ["name", "name"] }).Errors.Keys);

    [Fact]
    public void A_name_is_required() => Assert.Contains("name", Validate(Request() with { Name = " " }).Errors.Keys);

    private static TemplateSaveErrors Validate(SaveTemplateRequest request) => TemplateSaveValidator.Validate("welcome", request);

    private static SaveTemplateRequest Request() => new("Welcome", "First mail to a new customer", "en", ["name"], [Variant("en"), Variant("de")]);

    private static TemplateVariant Variant(string locale) =>
        new(locale, EmailSubject: "Welcome {{ name }}", EmailHtml: "<p>Hi {{ name }}</p>", EmailText: "Hi {{ name }}");
}
