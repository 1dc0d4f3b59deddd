namespace Delivery.Worker.Providers.Sms;

/// <summary>
/// How many parts a text goes out as, which is what carriers bill (3GPP TS 23.038 / 23.040). A text wholly in
/// the GSM 7-bit alphabet fits 160 characters in one part, 153 per part when concatenated (the rest is the
/// reassembly header); its extension characters (`{ } [ ] ~ \ | ^ €`) take two. Any other character (an
/// emoji, Cyrillic, 'ç' is fine but 'č' is not) sends the whole text as UCS-2: 70 per part, 67 concatenated.
/// </summary>
public static class SmsSegments
{
    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Extension = "\f^{}\\[~]|€";

    public static SmsEncoding EncodingOf(string text) =>
        text.All(c => Basic.Contains(c) || Extension.Contains(c)) ? SmsEncoding.Gsm7 : SmsEncoding.Ucs2;

    public static int Count(string text)
    {
        if (EncodingOf(text) == SmsEncoding.Gsm7)
        {
            var septets = text.Sum(c => Extension.Contains(c) ? 2 : 1);
            return septets <= 160 ? 1 : (septets + 152) / 153;
        }
        // UTF-16 code units: an emoji outside the basic plane takes two, as it does on the air.
        return text.Length <= 70 ? 1 : (text.Length + 66) / 67;
    }
}

public enum SmsEncoding
{
    Gsm7,
    Ucs2,
}
