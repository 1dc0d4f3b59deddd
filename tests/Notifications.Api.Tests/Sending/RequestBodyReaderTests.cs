using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Notifications.Api.Sending;

namespace Notifications.Api.Tests.Sending;

/// <summary>How a send body is read: every way it can be wrong is a 4xx naming the field, before validation sees it.</summary>
public sealed class RequestBodyReaderTests
{
    [Theory]
    [InlineData("""{"channel":"email","subject":"a\u0000b"}""", "subject")]
    [InlineData("""{"recipients":[{"userId":"u1"},{"userId":"u\u0000"}]}""", "recipients[1].userId")]
    [InlineData("""{"correlationKey":"\u0000"}""", "correlationKey")]
    public async Task A_string_carrying_NUL_is_refused_at_its_path(string json, string field)
    {
        var errors = await ValidationErrorsAsync(Encoding.UTF8.GetBytes(json));

        Assert.Equal(["Must not contain the NUL character (U+0000)."], errors[field]);
    }

    [Fact]
    public async Task A_lone_surrogate_escape_is_refused_as_text_that_is_not_unicode()
    {
        var errors = await ValidationErrorsAsync(Encoding.UTF8.GetBytes("""{"body":"a\ud800b"}"""));

        Assert.Equal(["Not valid Unicode text."], errors["body"]);
    }

    [Fact]
    public async Task Bytes_that_are_not_utf8_are_refused()
    {
        byte[] json = [.. Encoding.UTF8.GetBytes("""{"subject":"a"""), 0xFF, 0xFE, .. Encoding.UTF8.GetBytes("\"}")];

        var errors = await ValidationErrorsAsync(json);

        Assert.Single(errors);
    }

    [Fact]
    public async Task A_declared_length_past_the_limit_is_413_unread()
    {
        var context = JsonRequest([], contentLength: NotificationAspire.Contracts.RequestLimits.MaxBodyBytes + 1);

        var body = await RequestBodyReader.ReadAsync<SendNotificationRequest>(context.Request, CancellationToken.None);

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, body.Refused?.StatusCode);
    }

    private static async Task<IDictionary<string, string[]>> ValidationErrorsAsync(byte[] body)
    {
        var read = await RequestBodyReader.ReadAsync<SendNotificationRequest>(JsonRequest(body, body.Length).Request, CancellationToken.None);
        Assert.Null(read.Value);
        return Assert.IsType<ValidationProblem>(read.Invalid).ProblemDetails.Errors;
    }

    private static DefaultHttpContext JsonRequest(byte[] body, long? contentLength)
    {
        var context = new DefaultHttpContext();
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = contentLength;
        context.Request.Body = new MemoryStream(body);
        return context;
    }
}
