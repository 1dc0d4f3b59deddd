using System.Collections.Concurrent;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;

namespace Delivery.Worker.Providers.Email;

/// <summary>
/// Open SMTP connections kept between sends. Besides saving a handshake per message, it keeps QUIT and
/// CONNECT out of the moment between the server accepting a message and the worker recording it, the one
/// window in which a crash makes a message go out twice.
/// </summary>
public sealed class SmtpConnectionPool(SmtpEndpoint endpoint, IOptions<EmailOptions> options) : IDisposable
{
    private const int MaxIdle = 8;
    private readonly ConcurrentBag<SmtpDeliveryClient> _idle = [];

    /// <summary>A connected client, ready for a message: an idle one that still answers NOOP, or a new one.</summary>
    public async Task<SmtpDeliveryClient> RentAsync(CancellationToken ct)
    {
        while (_idle.TryTake(out var client))
        {
            try
            {
                client.PrepareForMessage();
                // Before anything is sent: a dead connection (the server restarted) costs nothing here.
                await client.NoOpAsync(ct);
                return client;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                client.Dispose();
            }
        }
        var fresh = new SmtpDeliveryClient(options.Value);
        fresh.PrepareForMessage();
        try
        {
            await fresh.ConnectAsync(endpoint.Host, endpoint.Port, endpoint.Security, ct);
            return fresh;
        }
        catch
        {
            fresh.Dispose();
            throw;
        }
    }

    /// <summary>Takes back a client after a send that went through; anything else is disposed by the caller.</summary>
    public void Return(SmtpDeliveryClient client)
    {
        if (client.IsConnected && _idle.Count < MaxIdle)
        {
            _idle.Add(client);
        }
        else
        {
            client.Dispose();
        }
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var client))
        {
            client.Dispose();
        }
    }
}
