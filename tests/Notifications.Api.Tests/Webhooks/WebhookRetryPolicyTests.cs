using Notifications.Api.Model;
using Notifications.Api.Webhooks;
using NotificationAspire.Webhooks;

namespace Notifications.Api.Tests.Webhooks;

/// <summary>
/// What the dispatcher does after each answer: retry what may pass with a doubling, jittered, capped wait that
/// honours Retry-After; stop on anything final; give up after the last attempt; disable the endpoint on 410.
/// </summary>
public sealed class WebhookRetryPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly WebhookOptions Options = new() { MaxAttempts = 5, FirstRetryDelay = TimeSpan.FromSeconds(5), MaxRetryDelay = TimeSpan.FromMinutes(1) };
    private const double NoJitter = 0.5; // the middle of the ±20% band

    [Theory]
    [InlineData("HTTP 503")]
    [InlineData("HTTP 429")]
    [InlineData("timeout")]
    [InlineData("Connection refused")]
    public void What_may_pass_is_retried_after_the_first_delay(string reason)
    {
        var decision = WebhookRetryPolicy.Decide(new WebhookOutcome.RetryLater(reason, null), attempts: 1, Options, Now, NoJitter);

        var retry = Assert.IsType<WebhookDecision.RetryAt>(decision);
        Assert.Equal(Now + TimeSpan.FromSeconds(5), retry.Due);
        Assert.Equal(reason, retry.Reason);
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(4, 40)]
    [InlineData(5, 60)] // capped at MaxRetryDelay
    [InlineData(40, 60)] // no overflow however many attempts
    public void The_wait_doubles_per_attempt_up_to_the_cap(int attempts, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), WebhookRetryPolicy.Delay(attempts, null, Options, NoJitter));

    [Theory]
    [InlineData(0.0, 4)]
    [InlineData(0.999999, 6)]
    public void Jitter_spreads_the_wait_by_a_fifth_either_way(double jitter, int seconds) =>
        Assert.Equal(seconds, WebhookRetryPolicy.Delay(1, null, Options, jitter).TotalSeconds, precision: 3);

    [Fact]
    public void A_longer_retry_after_is_honoured_but_never_beyond_the_cap()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), WebhookRetryPolicy.Delay(1, TimeSpan.FromSeconds(30), Options, NoJitter));
        Assert.Equal(TimeSpan.FromSeconds(5), WebhookRetryPolicy.Delay(1, TimeSpan.FromSeconds(1), Options, NoJitter));
        Assert.Equal(TimeSpan.FromMinutes(1), WebhookRetryPolicy.Delay(1, TimeSpan.FromHours(3), Options, NoJitter));
    }

    [Fact]
    public void After_the_last_attempt_the_message_is_abandoned_with_the_last_reason()
    {
        var decision = WebhookRetryPolicy.Decide(new WebhookOutcome.RetryLater("HTTP 502", null), attempts: 5, Options, Now, NoJitter);

        var stop = Assert.IsType<WebhookDecision.Stop>(decision);
        Assert.Equal(WebhookMessageState.Abandoned, stop.State);
        Assert.Contains("5 attempts", stop.Reason);
        Assert.Contains("HTTP 502", stop.Reason);
    }

    [Theory]
    [InlineData("HTTP 302: redirects are not followed")]
    [InlineData("HTTP 400")]
    [InlineData("Webhook target '169.254.169.254' refused: in 169.254.0.0/16")]
    public void A_final_answer_is_not_retried(string reason)
    {
        var stop = Assert.IsType<WebhookDecision.Stop>(WebhookRetryPolicy.Decide(new WebhookOutcome.Failed(reason), 1, Options, Now, NoJitter));

        Assert.Equal(WebhookMessageState.Failed, stop.State);
        Assert.Equal(reason, stop.Reason);
    }

    [Fact]
    public void Gone_disables_the_endpoint() =>
        Assert.IsType<WebhookDecision.DisableEndpoint>(WebhookRetryPolicy.Decide(new WebhookOutcome.Gone(), 1, Options, Now, NoJitter));

    [Fact]
    public void Any_2xx_is_delivered() =>
        Assert.IsType<WebhookDecision.Delivered>(WebhookRetryPolicy.Decide(new WebhookOutcome.Delivered(204), 3, Options, Now, NoJitter));
}
