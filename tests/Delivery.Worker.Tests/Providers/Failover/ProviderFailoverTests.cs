using Delivery.Worker.Providers;
using Delivery.Worker.Providers.Failover;
using Microsoft.Extensions.Options;

namespace Delivery.Worker.Tests.Providers.Failover;

/// <summary>A channel's providers in order: a failing one is passed over at once, and the answer says who took it.</summary>
public sealed class ProviderFailoverTests : IDisposable
{
    // Person limits stay out of the way unless a test is about them.
    private readonly FailoverHarness harness = new(("Protection:RecipientPermitsPerMinute", "1000"));

    [Fact]
    public async Task A_provider_that_throws_is_passed_over_for_the_next_in_the_same_attempt()
    {
        harness.Twilio.FailAll("HTTP 503 Service Unavailable");

        var result = await harness.SendAsync();

        var accepted = Assert.IsType<ChannelSendResult.Accepted>(result);
        Assert.Equal("vonage", accepted.Provider);
        Assert.Equal(["twilio: IOException: HTTP 503 Service Unavailable"], accepted.FailedOver);
        Assert.Equal((1, 1), (harness.Twilio.Calls, harness.Vonage.Calls));
    }

    [Fact]
    public async Task The_first_provider_takes_the_message_when_it_is_up()
    {
        var accepted = Assert.IsType<ChannelSendResult.Accepted>(await harness.SendAsync());

        Assert.Equal("twilio", accepted.Provider);
        Assert.Empty(accepted.FailedOver);
        Assert.Equal(0, harness.Vonage.Calls);
    }

    [Fact]
    public async Task An_open_circuit_sends_straight_to_the_next_provider_without_calling_the_broken_one()
    {
        harness.Twilio.FailAll("connection refused");
        for (var i = 0; i < 5; i++)
        {
            await harness.SendAsync();
        }

        var accepted = Assert.IsType<ChannelSendResult.Accepted>(await harness.SendAsync());

        Assert.Equal("vonage", accepted.Provider);
        Assert.Equal(["twilio: circuit open for sms/twilio: connection refused"], accepted.FailedOver);
        Assert.Equal(5, harness.Twilio.Calls);
    }

    [Fact]
    public async Task A_refusal_is_final_and_not_tried_elsewhere()
    {
        harness.Twilio.RejectAll();

        var rejected = Assert.IsType<ChannelSendResult.Rejected>(await harness.SendAsync());

        Assert.Equal("twilio", rejected.Provider);
        Assert.Equal(0, harness.Vonage.Calls);
    }

    [Fact]
    public async Task When_every_provider_fails_the_attempt_fails_with_each_ones_error()
    {
        harness.Twilio.FailAll("HTTP 503");
        harness.Vonage.FailAll("timeout");

        var error = await Assert.ThrowsAsync<ProvidersFailedException>(() => harness.SendAsync());

        Assert.Equal(["twilio: IOException: HTTP 503", "vonage: IOException: timeout"], error.Failures);
    }

    [Fact]
    public async Task The_configured_order_decides_who_is_tried_first()
    {
        using var reordered = new FailoverHarness(("Channels:sms:Providers:0", "vonage"), ("Channels:sms:Providers:1", "twilio"));

        var accepted = Assert.IsType<ChannelSendResult.Accepted>(await reordered.SendAsync());

        Assert.Equal("vonage", accepted.Provider);
        Assert.Equal(0, reordered.Twilio.Calls);
    }

    [Fact]
    public async Task A_provider_at_its_rate_limit_is_passed_over_but_the_persons_limit_holds_on_every_provider()
    {
        using var limited = new FailoverHarness(("Protection:ProviderPermitsPerSecond", "1"), ("Protection:RecipientPermitsPerMinute", "2"));

        Assert.Equal("twilio", (await limited.SendAsync()).Provider);
        var second = Assert.IsType<ChannelSendResult.Accepted>(await limited.SendAsync());
        Assert.Equal("vonage", second.Provider);
        Assert.Equal(["twilio: rate limit: provider sms/twilio"], second.FailedOver);

        // Two texts to this person this minute: a third waits, whichever provider is free.
        limited.Time.Advance(TimeSpan.FromSeconds(1));
        var third = Assert.IsType<ChannelSendResult.Deferred>(await limited.SendAsync());
        Assert.Equal("rate limit: recipient", third.Reason);
        Assert.Equal(1, limited.Vonage.Calls);
    }

    [Fact]
    public async Task A_text_that_fails_over_counts_once_against_the_persons_limit()
    {
        using var limited = new FailoverHarness(("Protection:RecipientPermitsPerMinute", "2"));
        limited.Twilio.FailAll("HTTP 503 Service Unavailable");

        Assert.Equal("vonage", (await limited.SendAsync()).Provider);
        Assert.Equal("vonage", (await limited.SendAsync()).Provider);

        // Two texts reached the person, not four: the provider that failed sent nothing.
        Assert.Equal("rate limit: recipient", Assert.IsType<ChannelSendResult.Deferred>(await limited.SendAsync()).Reason);
    }

    [Fact]
    public async Task When_every_provider_is_held_back_the_attempt_waits_for_the_first_to_be_free()
    {
        using var limited = new FailoverHarness(("Protection:ProviderPermitsPerSecond", "1"), ("Protection:RecipientPermitsPerMinute", "1000"));
        await limited.SendAsync();
        await limited.SendAsync();

        var deferred = Assert.IsType<ChannelSendResult.Deferred>(await limited.SendAsync("+4915100000000"));

        Assert.Equal(limited.Time.GetUtcNow() + TimeSpan.FromSeconds(1), deferred.NotBefore);
        Assert.Equal(2, deferred.FailedOver.Count);
    }

    [Fact]
    public void An_order_naming_a_provider_that_does_not_exist_stops_the_worker()
    {
        using var typo = new FailoverHarness(("Channels:sms:Providers:0", "twillio"));

        var error = Assert.Throws<OptionsValidationException>(() => typo.Options);

        Assert.Contains("Delivery:Channels:sms:Providers names 'twillio', which is no sms provider (there are: twilio, vonage).", error.Failures);
    }

    public void Dispose() => harness.Dispose();
}
