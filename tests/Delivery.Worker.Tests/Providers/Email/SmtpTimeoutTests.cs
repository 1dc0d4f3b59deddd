using Delivery.Worker.Providers;
using Delivery.Worker.Providers.Email;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace Delivery.Worker.Tests.Providers.Email;

/// <summary>
/// The email provider waits <see cref="EmailOptions.CommandTimeout"/> for each step of the conversation and
/// <see cref="EmailOptions.DataTimeout"/> for the verdict on a message: a live server that takes its time to
/// accept must not be given up on (the message would go out twice), a dead one must be, quickly. Which
/// timeout ran out is read from MailKit's message ("timed out after N milliseconds").
/// </summary>
public sealed class SmtpTimeoutTests : IAsyncLifetime
{
    private static readonly EmailOptions Options = new()
    {
        CommandTimeout = TimeSpan.FromSeconds(1),
        DataTimeout = TimeSpan.FromSeconds(10),
    };

    private readonly ScriptedSmtpServer _server = new();
    private readonly SmtpConnectionPool _connections;
    private readonly SmtpEmailProvider _provider;

    public SmtpTimeoutTests()
    {
        var endpoint = new SmtpEndpoint("127.0.0.1", _server.Port, SecureSocketOptions.None);
        _connections = new SmtpConnectionPool(endpoint, Microsoft.Extensions.Options.Options.Create(Options));
        _provider = new SmtpEmailProvider(endpoint, _connections, Microsoft.Extensions.Options.Options.Create(Options));
    }

    [Fact]
    public async Task A_server_slower_than_a_command_timeout_to_accept_a_message_is_waited_for()
    {
        _server.MessageReplyDelay = Options.CommandTimeout * 2;

        var result = await _provider.SendAsync(Message("slow-verdict"), CancellationToken.None);

        Assert.IsType<ChannelSendResult.Accepted>(result);
        Assert.Equal(1, _server.AcceptedMessages);
    }

    [Fact]
    public async Task A_server_that_never_greets_is_given_up_on_after_the_command_timeout()
    {
        _server.GreetingDelay = Timeout.InfiniteTimeSpan;

        var error = await Assert.ThrowsAsync<TimeoutException>(() => _provider.SendAsync(Message("no-greeting"), CancellationToken.None));

        Assert.Contains($"after {Options.CommandTimeout.TotalMilliseconds:0} milliseconds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pooled_connection_goes_back_to_the_command_timeout_after_a_slow_verdict()
    {
        _server.MessageReplyDelay = Options.CommandTimeout * 2;
        await _provider.SendAsync(Message("first"), CancellationToken.None);

        _server.MessageReplyDelay = TimeSpan.Zero;
        _server.MailFromReplyDelay = Options.CommandTimeout * 3;
        var error = await Assert.ThrowsAsync<TimeoutException>(() => _provider.SendAsync(Message("second"), CancellationToken.None));

        Assert.Contains($"after {Options.CommandTimeout.TotalMilliseconds:0} milliseconds", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _server.AcceptedMessages);
    }

    private static OutgoingMessage Message(string key) => new($"{key}:user-1:email", "someone@example.com", "Subject", "Body");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _connections.Dispose();
        await _server.DisposeAsync();
    }
}
