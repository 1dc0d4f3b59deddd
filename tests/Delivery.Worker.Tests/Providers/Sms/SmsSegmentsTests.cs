using Delivery.Worker.Providers.Sms;

namespace Delivery.Worker.Tests.Providers.Sms;

/// <summary>What a text is billed as: GSM-7 160/153 per part, its extension characters counting twice, UCS-2 70/67.</summary>
public sealed class SmsSegmentsTests
{
    [Theory]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    public void Plain_text_is_gsm7_in_parts_of_160_or_153(int length, int parts)
    {
        var text = new string('a', length);
        Assert.Equal(SmsEncoding.Gsm7, SmsSegments.EncodingOf(text));
        Assert.Equal(parts, SmsSegments.Count(text));
    }

    [Fact]
    public void Extension_characters_take_two_septets()
    {
        var text = new string('a', 158) + "€";
        Assert.Equal(SmsEncoding.Gsm7, SmsSegments.EncodingOf(text));
        Assert.Equal(1, SmsSegments.Count(text));
        Assert.Equal(2, SmsSegments.Count(text + "a"));
    }

    [Theory]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    public void One_character_outside_gsm7_makes_the_whole_text_ucs2_in_parts_of_70_or_67(int length, int parts)
    {
        var text = "č" + new string('a', length - 1);
        Assert.Equal(SmsEncoding.Ucs2, SmsSegments.EncodingOf(text));
        Assert.Equal(parts, SmsSegments.Count(text));
    }

    [Fact]
    public void German_umlauts_and_accented_letters_of_the_gsm_alphabet_stay_gsm7() =>
        Assert.Equal(SmsEncoding.Gsm7, SmsSegments.EncodingOf("Grüße! Ihre Bestellung ist unterwegs. Ça va, café?"));
}
