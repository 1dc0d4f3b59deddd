using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Inbox.Api.Inbox;
using Inbox.Api.People;
using Microsoft.AspNetCore.Http.Features;

namespace Inbox.Api.Live;

/// <summary>
/// `GET /api/inbox/stream`: the person's new inbox items as server-sent events (`event: item`, `id:` the item's
/// sequence, `data:` the item as JSON). A client that reconnects sends the last id it got as `Last-Event-ID` and first
/// receives what it missed; a new client starts from now. A comment line every <see cref="Heartbeat"/> keeps proxies
/// from closing a quiet stream and tells the server when the client is gone. A stopping replica ends its streams at
/// once: waiting for clients to leave would hold the shutdown up to its timeout (an orchestrator gives up sooner), and
/// a browser reconnects by itself, to another replica or to this one when it is back, missing nothing.
/// </summary>
public static class InboxStream
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);
    private const int Batch = 100;

    public static async Task<IResult> OpenAsync(HttpContext http, ClaimsPrincipal user, InboxQueries queries, InboxChanges changes,
        IHostApplicationLifetime lifetime, CancellationToken requestAborted)
    {
        using var streaming = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, lifetime.ApplicationStopping);
        var ct = streaming.Token;
        if (Person.IdOf(user) is not { } userId)
        {
            return TypedResults.Forbid();
        }
        var lastEventId = http.Request.Headers["Last-Event-ID"].ToString();
        long last;
        if (lastEventId.Length > 0)
        {
            if (!long.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out last))
            {
                return NotificationAspire.Http.FieldErrors.Single("Last-Event-ID", "The id of an event this stream sent (a number).");
            }
        }
        else
        {
            last = -1; // from now: read below, after watching starts, so nothing projected in between is missed
        }

        // Watch before reading, so an item committed between the read and the wait still wakes us.
        using var watch = changes.Watch(userId);
        if (last < 0)
        {
            last = await queries.LatestSequenceAsync(userId, ct);
        }

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no"; // nginx-style proxies: pass events on as they come
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        // How long a browser's EventSource waits before reconnecting (with Last-Event-ID) after a dropped connection.
        await http.Response.WriteAsync("retry: 2000\n\n", ct);
        await http.Response.Body.FlushAsync(ct);

        try
        {
            while (!ct.IsCancellationRequested)
            {
                List<InboxItemView> items;
                do
                {
                    items = await queries.ProjectedAfterAsync(userId, last, Batch, ct);
                    foreach (var item in items)
                    {
                        await http.Response.WriteAsync(Event(item), ct);
                        last = item.Sequence;
                    }
                }
                while (items.Count == Batch);
                await http.Response.Body.FlushAsync(ct);

                if (!await watch.WaitAsync(Heartbeat, ct))
                {
                    await http.Response.WriteAsync(": keep-alive\n\n", ct);
                    await http.Response.Body.FlushAsync(ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away, or this replica is stopping: the normal ends of a stream.
        }
        return TypedResults.Empty;
    }

    private static string Event(InboxItemView item) =>
        new StringBuilder("event: item\nid: ").Append(item.Sequence.ToString(CultureInfo.InvariantCulture))
            .Append("\ndata: ").Append(JsonSerializer.Serialize(item, JsonSerializerOptions.Web)).Append("\n\n").ToString();
}
