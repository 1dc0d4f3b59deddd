using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using NotificationAspire.Contracts.Recipients;

namespace Delivery.Worker.Recipients;

/// <summary>The last answer `preferences-api` gave per person and category, bounded, for as long as the process lives.</summary>
public sealed class RememberedProfiles(IOptions<PreferencesOptions> options) : IDisposable
{
    private readonly MemoryCache answers = new(new MemoryCacheOptions { SizeLimit = options.Value.CacheEntries });

    public void Remember(string userId, string category, DeliveryProfile profile, DateTimeOffset fetchedAt) =>
        answers.Set((userId, category), new Answer(profile, fetchedAt), new MemoryCacheEntryOptions { Size = 1 });

    /// <summary>The remembered answer if it was fetched no longer than <paramref name="maxAge"/> before <paramref name="now"/>.</summary>
    public (DeliveryProfile Profile, DateTimeOffset FetchedAt)? Recall(string userId, string category, DateTimeOffset now, TimeSpan maxAge) =>
        answers.TryGetValue((userId, category), out Answer? answer) && now - answer!.FetchedAt <= maxAge
            ? (answer.Profile, answer.FetchedAt)
            : null;

    public void Dispose() => answers.Dispose();

    private sealed record Answer(DeliveryProfile Profile, DateTimeOffset FetchedAt);
}
