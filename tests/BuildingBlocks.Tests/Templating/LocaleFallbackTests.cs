using NotificationAspire.Contracts.Templates;
using NotificationAspire.Templating;

namespace BuildingBlocks.Tests.Templating;

/// <summary>A person reads their own language where the template has it, its parent language next, the default last.</summary>
public sealed class LocaleFallbackTests
{
    private static readonly TemplateContent Content = new("greeting", 1, "en",
        [new("en", EmailSubject: "Hello"), new("de", EmailSubject: "Hallo"), new("de-CH", EmailSubject: "Grüezi"), new("pt-BR", EmailSubject: "Olá")]);

    [Theory]
    [InlineData("de-CH", "de-CH")] // exact
    [InlineData("DE-ch", "de-CH")] // tags compare case-insensitively
    [InlineData("de-AT", "de")] // parent
    [InlineData("de", "de")]
    [InlineData("de-Latn-AT", "de")] // script and region dropped in turn
    [InlineData("de-x-formal", "de")] // private use dropped with its singleton
    [InlineData("de_AT", "de")] // the POSIX spelling people send anyway
    [InlineData("pt", "en")] // a child's variant is not a parent's: pt-BR does not stand in for pt
    [InlineData("fr-FR", "en")] // no variant at all: the default
    [InlineData(null, "en")]
    [InlineData("", "en")]
    public void The_variant_follows_the_chain_from_exact_to_parents_to_the_default(string? locale, string chosen) =>
        Assert.Equal(chosen, LocaleFallback.Choose(Content, locale).Locale);

    [Fact]
    public void The_default_is_found_even_when_it_is_not_the_first_variant() =>
        Assert.Equal("Hallo", LocaleFallback.Choose(Content with { DefaultLocale = "de" }, "fr").EmailSubject);

    [Fact]
    public void Content_without_its_default_variant_is_an_error_not_an_arbitrary_variant() =>
        Assert.Throws<InvalidOperationException>(() => LocaleFallback.Choose(Content with { DefaultLocale = "it" }, "fr"));

    [Theory]
    [InlineData("de", true)]
    [InlineData("de-AT", true)]
    [InlineData("zh-Hant-TW", true)]
    [InlineData("es-419", true)]
    [InlineData("sl-rozaj-biske", true)]
    [InlineData("en-x-custom", true)]
    [InlineData("", false)]
    [InlineData("d", false)]
    [InlineData("de_AT", false)]
    [InlineData("de-", false)]
    [InlineData("de AT", false)]
    [InlineData("de-AT-", false)]
    public void Language_tags_are_checked_by_their_BCP_47_shape(string tag, bool wellFormed) =>
        Assert.Equal(wellFormed, LanguageTags.IsWellFormed(tag));
}
