using Delivery.Worker.Providers;

namespace Delivery.Worker.Tests.Providers.Protection;

/// <summary>Rate limits defer at once, with a time when a permit will be there; the clock never moves on its own.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task The_eleventh_send_to_one_contact_within_a_minute_is_deferred_but_not_to_another_contact()
    {
        using var harness = new ProtectionHarness();
        for (var i = 0; i < 10; i++)
        {
            Assert.IsType<ChannelSendResult.Accepted>(await harness.SendAsync("alice@example.com"));
        }

        var deferred = Assert.IsType<ChannelSendResult.Deferred>(await harness.SendAsync("Alice@Example.com"));
        Assert.IsType<ChannelSendResult.Accepted>(await harness.SendAsync("bob@example.com"));

        Assert.Equal("rate limit: recipient", deferred.Reason);
        // 10 a minute refill one every 6 s: that is when the next send to Alice may go.
        Assert.Equal(harness.Time.GetUtcNow() + TimeSpan.FromSeconds(6), deferred.NotBefore);
        Assert.Equal(11, harness.Email.Calls);
    }

    [Fact]
    public async Task A_deferred_contact_may_send_again_at_its_not_before()
    {
        using var harness = new ProtectionHarness();
        for (var i = 0; i < 10; i++)
        {
            await harness.SendAsync();
        }
        var deferred = Assert.IsType<ChannelSendResult.Deferred>(await harness.SendAsync());

        harness.Time.Advance(deferred.NotBefore - harness.Time.GetUtcNow() - TimeSpan.FromTicks(1));
        Assert.IsType<ChannelSendResult.Deferred>(await harness.SendAsync());
        harness.Time.Advance(TimeSpan.FromTicks(1));
        Assert.IsType<ChannelSendResult.Accepted>(await harness.SendAsync());
        Assert.IsType<ChannelSendResult.Deferred>(await harness.SendAsync());
    }

    [Fact]
    public async Task The_provider_limit_defers_sends_to_anyone_beyond_its_rate()
    {
        using var harness = new ProtectionHarness(("ProviderPermitsPerSecond", "3"));
        for (var i = 0; i < 3; i++)
        {
            Assert.IsType<ChannelSendResult.Accepted>(await harness.SendAsync($"person{i}@example.com"));
        }

        var deferred = Assert.IsType<ChannelSendResult.Deferred>(await harness.SendAsync("someone.else@example.com"));

        Assert.Equal("rate limit: provider email", deferred.Reason);
        var wait = deferred.NotBefore - harness.Time.GetUtcNow();
        Assert.InRange(wait, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(350));
        Assert.Equal(3, harness.Email.Calls);

        harness.Time.Advance(wait);
        Assert.IsType<ChannelSendResult.Accepted>(await harness.SendAsync("someone.else@example.com"));
    }

    [Fact]
    public async Task A_send_the_provider_limit_refused_does_not_use_up_the_recipients_permit()
    {
        using var harness = new ProtectionHarness(("ProviderPermitsPerSecond", "1"), ("RecipientPermitsPerMinute", "1"));
        await harness.SendAsync("alice@example.com");
        Assert.Equal("rate limit: provider email", Assert.IsType<ChannelSendResult.Deferred>(await harness.SendAsync("bob@example.com")).Reason);

        harness.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.IsType<ChannelSendResult.Accepted>(await harness.SendAsync("bob@example.com"));
    }

    [Fact]
    public async Task A_channel_override_replaces_only_the_values_it_names()
    {
        using var harness = new ProtectionHarness(("Channels:email:RecipientPermitsPerMinute", "2"), ("ProviderPermitsPerSecond", "2"));
        await harness.SendAsync();
        await harness.SendAsync();

        var deferred = Assert.IsType<ChannelSendResult.Deferred>(await harness.SendAsync());

        Assert.Equal("rate limit: recipient", deferred.Reason);
        Assert.Equal(harness.Time.GetUtcNow() + TimeSpan.FromSeconds(30), deferred.NotBefore);
        // The top-level provider rate still applies to email.
        Assert.Equal("rate limit: provider email", Assert.IsType<ChannelSendResult.Deferred>(await harness.SendAsync("bob@example.com")).Reason);
    }

    [Fact]
    public async Task A_channel_override_can_lower_the_provider_rate()
    {
        using var harness = new ProtectionHarness(("Channels:email:ProviderPermitsPerSecond", "1"));
        await harness.SendAsync("alice@example.com");

        var deferred = Assert.IsType<ChannelSendResult.Deferred>(await harness.SendAsync("bob@example.com"));

        Assert.Equal("rate limit: provider email", deferred.Reason);
        Assert.Equal(harness.Time.GetUtcNow() + TimeSpan.FromSeconds(1), deferred.NotBefore);
    }

    [Fact]
    public async Task A_rate_limited_send_after_the_break_does_not_keep_the_probe_turn()
    {
        using var harness = new ProtectionHarness(("RecipientPermitsPerMinute", "1"), ("BreakDuration", "00:00:01"));
        Assert.IsType<ChannelSendResult.Accepted>(await harness.SendAsync("person0@example.com")); // person0's one message this minute
        harness.Email.FailAll();
        for (var i = 1; i <= 5; i++)
        {
            await Assert.ThrowsAsync<IOException>(() => harness.SendAsync($"person{i}@example.com"));
        }
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        harness.Email.AcceptAll();

        Assert.Equal("rate limit: recipient", Assert.IsType<ChannelSendResult.Deferred>(await harness.SendAsync("person0@example.com")).Reason);
        Assert.IsType<ChannelSendResult.Accepted>(await harness.SendAsync("bob@example.com"));
    }
}
