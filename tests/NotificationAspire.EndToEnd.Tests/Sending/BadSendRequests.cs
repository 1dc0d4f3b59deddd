using System.Text;
using System.Text.Json.Nodes;

namespace NotificationAspire.EndToEnd.Tests.Sending;

/// <summary>
/// Send requests that must each be refused with a 4xx, made by mutating a valid one the ways careless and
/// hostile callers do: wrong types, control characters, sizes, nesting, unknown fields, broken JSON and text.
/// Every field gets every mutation of its kind once; a seeded random mix of several mutations at once follows.
/// </summary>
public static class BadSendRequests
{
    public sealed record Case(string Name, byte[] Body, string? ContentType = "application/json", bool Chunked = false)
    {
        public bool Oversize => Body.Length > Contracts.RequestLimits.MaxBodyBytes;

        public override string ToString() => Name;
    }

    private static readonly string[] SingleLineFields = ["channel", "category", "subject", "correlationKey", "recipients[0].userId", "recipients[0].contact"];
    private static readonly string[] TextFields = [.. SingleLineFields, "body"];
    private static readonly string[] LineBreakers = ["\r\n", "\n", "\r", "\t", "\u2028", "\u0007", "\u001b"];
    private static readonly JsonNode?[] WrongTypes = [42, 1.5, true, new JsonArray(), new JsonObject(), new JsonArray("a")];

    public static JsonObject Valid() => new()
    {
        ["channel"] = "email",
        ["recipients"] = new JsonArray(new JsonObject { ["userId"] = "u1", ["contact"] = "bad-input@example.com" }),
        ["subject"] = "Bad input",
        ["body"] = "Never sent.",
        ["correlationKey"] = "bad-input",
    };

    public static IEnumerable<Case> All(int randomMixes, int seed)
    {
        foreach (var field in TextFields)
        {
            yield return Json($"NUL in {field}", Set(Valid(), field, "a\0b"));
            foreach (var type in WrongTypes)
            {
                yield return Json($"{type?.ToJsonString()} as {field}", Set(Valid(), field, type?.DeepClone()));
            }
        }
        foreach (var field in SingleLineFields)
        {
            foreach (var breaker in LineBreakers)
            {
                yield return Json($"U+{(int)breaker[^1]:X4} in {field}", Set(Valid(), field, $"a{breaker}Bcc: x@example.com"));
            }
        }
        foreach (var (name, json) in Structural())
        {
            yield return Json(name, json);
        }
        foreach (var (name, bytes) in BrokenText())
        {
            yield return new Case(name, bytes);
        }
        foreach (var size in new[] { 70_000, 1_000_000, 5_000_000 })
        {
            var big = Set(Valid(), "body", new string('x', size));
            yield return Json($"{size}-character body", big);
            yield return Json($"{size}-character body, chunked", big) with { Chunked = true };
        }
        yield return new Case("text/plain", Bytes(Valid()), "text/plain");
        yield return new Case("no content type", Bytes(Valid()), null);

        var random = new Random(seed);
        for (var i = 0; i < randomMixes; i++)
        {
            var request = Valid();
            var names = new List<string>();
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                var field = TextFields[random.Next(TextFields.Length)];
                var value = random.Next(3) switch
                {
                    0 => "x\0" + new string('y', random.Next(300)),
                    1 => WrongTypes[random.Next(WrongTypes.Length)]?.DeepClone(),
                    _ => $"x{LineBreakers[random.Next(LineBreakers.Length)]}y",
                };
                if (value is JsonValue text && field == "body" && !text.ToString().Contains('\0'))
                {
                    value = "x\0"; // a body may span lines: only NUL or a wrong type makes it bad
                }
                Set(request, field, value);
                names.Add(field);
            }
            yield return Json($"mix {i}: {string.Join(", ", names)}", request);
        }
    }

    private static IEnumerable<(string, JsonObject)> Structural()
    {
        yield return ("unknown top-level field", With(Valid(), r => r["priority"] = "high"));
        yield return ("unknown recipient field", With(Valid(), r => r["recipients"]![0]!["phone"] = "+15550100"));
        yield return ("field name differing in case only twice", With(Valid(), r => r["Channel"] = "sms"));
        yield return ("no recipients", With(Valid(), r => r.Remove("recipients")));
        yield return ("101 recipients", With(Valid(), r => r["recipients"] = new JsonArray([.. Enumerable.Range(0, 101)
            .Select(i => (JsonNode)new JsonObject { ["userId"] = $"u{i}", ["contact"] = $"u{i}@example.com" })])));
        yield return ("201-character subject", Set(Valid(), "subject", new string('s', 201)));
        yield return ("201-character user id", Set(Valid(), "recipients[0].userId", new string('u', 201)));
        yield return ("201-character correlation key", Set(Valid(), "correlationKey", new string('c', 201)));
        yield return ("10,001-character body", Set(Valid(), "body", new string('b', 10_001)));
        yield return ("template data without a template", With(Valid(), r => r["templateData"] = new JsonObject { ["a"] = "b" }));
        yield return ("NUL in a template value", Template(new JsonObject { ["name"] = "a\0", ["orderId"] = "1", ["trackingUrl"] = "u" }));
        yield return ("NUL in a template data name", Template(new JsonObject { ["name"] = "a", ["orderId"] = "1", ["trackingUrl"] = "u", ["x\0"] = 1 }));
        // A line break in a value that fills the subject is allowed: rendering folds it into a space (TemplateRendererTests).
        yield return ("a template version the template lacks", With(Template(new JsonObject { ["name"] = "a", ["orderId"] = "1", ["trackingUrl"] = "u" }),
            r => r["templateVersion"] = 999));
        yield return ("recipients nested in arrays", With(Valid(), r => r["recipients"] = new JsonArray(new JsonArray(new JsonArray("u1")))));
    }

    private static IEnumerable<(string, byte[])> BrokenText()
    {
        var valid = Valid().ToJsonString();
        yield return ("empty body", []);
        yield return ("null", "null"u8.ToArray());
        yield return ("array root", "[]"u8.ToArray());
        yield return ("string root", "\"x\""u8.ToArray());
        yield return ("truncated", Encoding.UTF8.GetBytes(valid[..(valid.Length / 2)]));
        yield return ("trailing garbage", Encoding.UTF8.GetBytes(valid + "}}"));
        yield return ("trailing comma", Encoding.UTF8.GetBytes(valid[..^1] + ",}"));
        yield return ("invalid UTF-8 in the subject",
            [.. Encoding.UTF8.GetBytes(valid[..valid.IndexOf("Bad input", StringComparison.Ordinal)]), 0xFF, 0xFE, .. "\"}"u8.ToArray()]);
        yield return ("lone surrogate escape in the body", Encoding.UTF8.GetBytes(valid.Replace("Never sent.", "\\ud800", StringComparison.Ordinal)));
        yield return ("NUL bytes", new byte[64]);
        yield return ("number out of range", Encoding.UTF8.GetBytes(valid.Replace("\"email\"", "1e999999", StringComparison.Ordinal)));
        // Deeper than any reader allows (64): written by hand, since the writer refuses it too.
        var template = Template(new JsonObject()).ToJsonString();
        var nested = string.Concat(Enumerable.Repeat("{\"next\":", 100)) + "{}" + new string('}', 100);
        yield return ("template data nested 100 deep", Encoding.UTF8.GetBytes(template.Replace("{}", nested, StringComparison.Ordinal)));
    }

    private static JsonObject Template(JsonObject data) => With(Valid(), r =>
    {
        r.Remove("subject");
        r.Remove("body");
        r["templateKey"] = "order-shipped";
        r["templateData"] = data;
    });

    private static JsonObject With(JsonObject request, Action<JsonObject> change)
    {
        change(request);
        return request;
    }

    /// <summary>Sets `field`, `recipients[0].field` paths included.</summary>
    private static JsonObject Set(JsonObject request, string field, JsonNode? value)
    {
        const string recipient = "recipients[0].";
        var target = field.StartsWith(recipient, StringComparison.Ordinal) ? request["recipients"]![0]!.AsObject() : request;
        target[field.Replace(recipient, "", StringComparison.Ordinal)] = value;
        return request;
    }

    private static Case Json(string name, JsonObject request) => new(name, Bytes(request));

    private static byte[] Bytes(JsonObject request) => Encoding.UTF8.GetBytes(request.ToJsonString());
}
