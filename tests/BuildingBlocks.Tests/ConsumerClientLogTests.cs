using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using NotificationAspire.Messaging;

namespace BuildingBlocks.Tests;

/// <summary>librdkafka's log lines reach the service's log; a consumer moved past records it never read is an error there.</summary>
public sealed class ConsumerClientLogTests
{
    private readonly Captured _log = new();

    [Fact]
    public void An_offset_reset_after_an_error_is_logged_as_records_never_read()
    {
        ConsumerClientLog.Write(_log, "delivery-worker", new LogMessage("rdkafka#consumer-1", SyslogLevel.Warning, "OFFSET",
            "notification-dispatch [3]: offset reset (at offset 120, broker 1) to BEGINNING: fetch failed due to requested offset not available on the broker: Broker: Offset out of range"));

        var (level, text) = Assert.Single(_log.Lines);
        Assert.Equal(LogLevel.Error, level);
        Assert.Contains("delivery-worker moved past records it never read", text);
        Assert.Contains("notification-dispatch [3]: offset reset (at offset 120", text);
    }

    [Theory]
    [InlineData(SyslogLevel.Warning, "FAIL", LogLevel.Warning)]
    [InlineData(SyslogLevel.Error, "FAIL", LogLevel.Error)]
    [InlineData(SyslogLevel.Info, "CGRP", LogLevel.Information)]
    [InlineData(SyslogLevel.Debug, "OFFSET", LogLevel.Debug)]
    public void Other_lines_keep_the_clients_level(SyslogLevel level, string facility, LogLevel expected)
    {
        ConsumerClientLog.Write(_log, "notifications-status", new LogMessage("rdkafka#consumer-1", level, facility, "something happened"));

        var (logged, text) = Assert.Single(_log.Lines);
        Assert.Equal(expected, logged);
        Assert.Equal($"notifications-status: {facility} something happened", text);
    }

    private sealed class Captured : ILogger
    {
        public List<(LogLevel Level, string Text)> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add((logLevel, formatter(state, exception)));
    }
}
