using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace NotificationAspire.EndToEnd.Tests.Sending;

/// <summary>Bad input gets a problem naming what is wrong, and nothing is stored or sent.</summary>
[Collection(PlatformCollection.Name)]
public sealed class BadRequestTests(PlatformFixture platform)
{
    private const string Contact = "CONTACT";
    private readonly PlatformApi _api = new(platform);
    private readonly MailSink _mail = new(platform);

    /// <summary>A body (with CONTACT standing for a fresh address) and the field the problem must name.</summary>
    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"category":"Order Updates","recipients":[{"userId":"u1","contact":"CONTACT"}],"subject":"s","body":"b"}""", "category" },
        { """{"channel":"pigeon","recipients":[{"userId":"u1","contact":"CONTACT"}],"subject":"s","body":"b"}""", "channel" },
        { """{"channel":"email","subject":"s","body":"b"}""", "recipients" },
        { """{"channel":"email","recipients":[],"subject":"s","body":"b"}""", "recipients" },
        { """{"channel":"email","recipients":[{"contact":"CONTACT"}],"subject":"s","body":"b"}""", "recipients[0].userId" },
        { """{"channel":"email","recipients":[{"userId":"u1","contact":"CONTACT"},{"userId":"u2","contact":"not-an-address"}],"subject":"s","body":"b"}""", "recipients[1].contact" },
        { """{"channel":"email","recipients":[{"userId":"u1","contact":"CONTACT"},{"userId":"u1","contact":"CONTACT"}],"subject":"s","body":"b"}""", "recipients[1].userId" },
        { """{"channel":"email","recipients":[{"userId":"u1","contact":"CONTACT"}],"body":"b"}""", "subject" },
        { """{"channel":"email","recipients":[{"userId":"u1","contact":"CONTACT"}],"subject":"s"}""", "body" },
        { """{"channel":"email","recipients":[{"userId":"u1","contact":"CONTACT"}],"templateKey":"no-such-template"}""", "templateKey" },
        { """{"channel":"email","recipients":[{"userId":"u1","contact":"CONTACT"}],"templateKey":"order-shipped","templateData":{"name":"A"}}""", "templateData.orderId" },
        { """{"channel":"email","recipients":[{"userId":"u1","contact":"CONTACT"}],"templateKey":"order-shipped","templateVersion":999,"templateData":{"name":"A","orderId":"1","trackingUrl":"u"}}""", "templateVersion" },
        { """{"channel":"email","recipients":[{"userId":"u1","contact":"CONTACT"}],"subject":"s","body":"b","priority":"high"}""", "priority" },
        { """{"channel":"email","recipients":[{"userId":42,"contact":"CONTACT"}],"subject":"s","body":"b"}""", "recipients[0].userId" },
        { """{"channel":"email","recipients":"CONTACT","subject":"s","body":"b"}""", "recipients" },
        { """{"channel":"email","recipients":[{"userId":"u1","contact":"CONTACT"}],"subject":"s","body":"b" """, "$" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_body_is_a_400_problem_naming_the_field_and_nothing_is_sent(string body, string field)
    {
        var token = await platform.GetTokenAsync(ServiceAccounts.OrderService);
        var contact = $"{Guid.NewGuid():N}@example.com";
        var before = await CountMineAsync(token);

        using var response = await _api.SendAsync(HttpMethod.Post, "/api/notifications", token,
            new StringContent(body.Replace(Contact, contact), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        Assert.Contains(field, errors);
        Assert.Equal(before, await CountMineAsync(token));
        Assert.Empty(await _mail.MessagesToAsync(contact));
    }

    [Fact]
    public async Task An_oversize_body_is_413_and_nothing_is_stored()
    {
        var token = await platform.GetTokenAsync(ServiceAccounts.OrderService);
        var before = await CountMineAsync(token);
        var huge = PlatformApi.EmailTo($"{Guid.NewGuid():N}@example.com", "big", body: new string('x', 200_000));

        using var response = await _api.PostNotificationAsync(token, huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(before, await CountMineAsync(token));
    }

    private async Task<int> CountMineAsync(string token)
    {
        using var response = await _api.SendAsync(HttpMethod.Get, "/api/notifications?take=200", token);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength();
    }
}
