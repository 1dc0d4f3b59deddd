using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Delivery.Worker.Recipients;

/// <summary>
/// A person's delivery profile for one attempt: asked of `preferences-api` every time (so an opt-out counts at
/// once), and remembered, so that while the service is down or its circuit open the last answer (if recent)
/// stands in. Opt-outs in that answer still apply: the cache never sends to someone the service said no for.
/// </summary>
public sealed class RecipientDirectory(
    PreferencesClient client,
    RememberedProfiles remembered,
    PreferencesCircuit circuit,
    IOptions<PreferencesOptions> options,
    TimeProvider time,
    ILogger<RecipientDirectory> logger)
{
    private const string SourceTag = "notificationaspire.preferences.source";

    public async Task<ProfileLookup> LookUpAsync(string userId, string category, CancellationToken cancellationToken)
    {
        circuit.Tag(Activity.Current);
        try
        {
            var profile = await client.GetDeliveryProfileAsync(userId, category, cancellationToken);
            remembered.Remember(userId, category, profile, time.GetUtcNow());
            Activity.Current?.SetTag(SourceTag, "service");
            return new ProfileLookup.Found(profile, CachedAt: null);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            if (remembered.Recall(userId, category, time.GetUtcNow(), options.Value.CacheFor) is { } answer)
            {
                Activity.Current?.SetTag(SourceTag, "cache");
                logger.LogWarning("preferences-api did not answer for {RecipientUserId} ({Error}); using its answer from {FetchedAt}",
                    userId, Describe(ex), answer.FetchedAt);
                return new ProfileLookup.Found(answer.Profile, answer.FetchedAt);
            }
            Activity.Current?.SetTag(SourceTag, "unavailable");
            logger.LogWarning("preferences-api did not answer for {RecipientUserId} and no recent answer is remembered: {Error}", userId, Describe(ex));
            return new ProfileLookup.Unavailable($"Waiting for the recipient's preferences: preferences-api did not answer ({Describe(ex)}).");
        }
    }

    // Exception type and message, not the stack: this goes into a status people read.
    private static string Describe(Exception ex) => $"{ex.GetType().Name}: {ex.Message}";
}
