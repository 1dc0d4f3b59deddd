using System.Diagnostics;
using Confluent.Kafka;
using NotificationAspire.Bench.Platform;
using NotificationAspire.Contracts;
using NotificationAspire.Messaging;
using NotificationAspire.TestSupport;

namespace NotificationAspire.Bench.Measures;

/// <summary>What one send to a large topic took, from the send being accepted.</summary>
/// <param name="Setup">Making the profiles, the topic and the subscriptions (not part of the send).</param>
/// <param name="PagesRelayed">Until the last fan-out page (`NotificationRequested` of one page of people) was on the broker.</param>
/// <param name="Dispatched">Until every person's delivery record (`DeliveryDispatched`) was on `notification-dispatch`: the "dispatched".</param>
/// <param name="DeliveredCount">Emails at the sink by <paramref name="Observed"/> after the send: delivery goes on at the pipeline's
/// rate (the end-to-end figures above), far slower than the fan-out, so the run watches it for a while rather than to its end.</param>
/// <param name="PeakUntilDispatched">Each process's highest resident memory (PSS, MiB) from the send until dispatched; <paramref name="PeakUntilObserved"/> until the watch ended.</param>
public sealed record FanOutResult(int Subscribers, TimeSpan Setup, int Pages, TimeSpan? PagesRelayed, long DispatchedCount, TimeSpan? Dispatched,
    long DeliveredCount, TimeSpan Observed, long ExtraCopies, IReadOnlyDictionary<string, ProcessFigures> Before,
    IReadOnlyDictionary<string, double> PeakUntilDispatched, IReadOnlyDictionary<string, double> PeakUntilObserved)
{
    /// <summary>The most any process grew above its memory before the send, up to when everyone was dispatched.</summary>
    public double LargestGrowth => PeakUntilDispatched.Where(p => Before.ContainsKey(p.Key))
        .Select(p => p.Value - Before[p.Key].ResidentMiB).DefaultIfEmpty(0).Max();
}

/// <summary>
/// One send to a topic of generated subscribers, watched on the broker as it fans out: the fan-out's pages on
/// `notification-requests`, then each person's delivery record on `notification-dispatch` (counted once per person,
/// first dispatches only, so a held record released later is not counted twice), then the emails reaching the sink
/// for a while after that.
/// </summary>
public sealed class TopicFanOut(BenchPlatform platform, PlatformClient client, CountingSmtpSink sink)
{
    /// <param name="deadline">For the dispatch, from the send.</param>
    /// <param name="watch">How long to go on counting emails at the sink once everyone is dispatched.</param>
    public async Task<FanOutResult> MeasureAsync(int subscribers, TimeSpan deadline, TimeSpan watch)
    {
        var setupClock = Stopwatch.StartNew();
        var audience = await TopicAudience.CreateAsync(client, subscribers);
        var setup = setupClock.Elapsed;
        Console.WriteLine($"bench: fan-out: {subscribers:N0} people with an email address subscribed to {audience.Key} in {setup.TotalSeconds:0} s");

        var copiesBefore = sink.Duplicates;
        var before = ProcessProbe.Sample();
        await using var peaks = PeakMemory.Start();
        using var tail = await new KafkaProbe(platform).TailAsync(KafkaTopics.NotificationRequests, KafkaTopics.NotificationDispatch);
        var clock = Stopwatch.StartNew();
        var id = (await audience.SendAsync(client)).ToString();

        var (pages, pagesRelayed, dispatched, dispatchedAt) = await Task.Run(() => WatchBroker(tail, id, audience, clock, deadline));
        var peakUntilDispatched = peaks.SoFar();
        Console.WriteLine($"bench: fan-out: {pages} page(s) relayed in {Seconds(pagesRelayed)}, {dispatched:N0} of {subscribers:N0} dispatched in {Seconds(dispatchedAt)}");

        await Task.Delay(watch);
        var observed = clock.Elapsed;
        var delivered = audience.People.Count(p => sink.ArrivalOf(TopicAudience.EmailOf(p)) is not null);
        var extra = sink.Duplicates - copiesBefore;
        Console.WriteLine($"bench: fan-out: {delivered:N0} of {subscribers:N0} at the sink {observed.TotalSeconds:0} s after the send; copies beyond the first: {extra}");
        return new FanOutResult(subscribers, setup, pages, pagesRelayed, dispatched, dispatchedAt, delivered, observed, extra, before,
            peakUntilDispatched, peaks.SoFar());
    }

    private static (int Pages, TimeSpan? PagesRelayed, long Dispatched, TimeSpan? DispatchedAt) WatchBroker(IConsumer<string, byte[]> tail,
        string notificationId, TopicAudience audience, Stopwatch clock, TimeSpan deadline)
    {
        var people = new HashSet<string>(StringComparer.Ordinal);
        var pages = 0;
        TimeSpan? lastPage = null;
        var prefix = $"{audience.Key}-";
        while (clock.Elapsed < deadline && people.Count < audience.People.Count)
        {
            var record = tail.Consume(TimeSpan.FromMilliseconds(200));
            if (record?.Message is not { } message)
            {
                continue;
            }
            if (record.Topic == KafkaTopics.NotificationRequests.Name && message.Key == notificationId)
            {
                pages++;
                lastPage = clock.Elapsed;
            }
            else if (record.Topic == KafkaTopics.NotificationDispatch.Name && message.Key.StartsWith(prefix, StringComparison.Ordinal)
                && KafkaProbe.Header(record, CloudEventHeaders.Id)?.EndsWith(":dispatch", StringComparison.Ordinal) == true)
            {
                people.Add(message.Key);
            }
        }
        tail.Close();
        return (pages, lastPage, people.Count, people.Count == audience.People.Count ? clock.Elapsed : null);
    }

    private static string Seconds(TimeSpan? elapsed) => elapsed is { } e ? $"{e.TotalSeconds:0.0} s" : "(not within the deadline)";
}
