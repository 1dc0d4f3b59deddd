using Delivery.Worker.Composing;
using Delivery.Worker.Providers;
using Delivery.Worker.Recipients;
using Microsoft.Extensions.Options;
using NotificationAspire.Contracts.Events;

namespace Delivery.Worker.Delivering;

/// <summary>What an attempt does: the decision about the person, and when it is to send, the message itself.</summary>
/// <param name="PreferencesCachedAt">Set when the decision went by a remembered answer because `preferences-api` could not give one.</param>
public sealed record DeliveryPlan(DeliveryDecision Decision, OutgoingMessage? Message = null, DateTimeOffset? PreferencesCachedAt = null);

/// <summary>
/// Looks the person up (contacts, locale, time zone, preferences) at the moment of the attempt, decides
/// (<see cref="DeliveryDecision"/>), and composes the message in their language.
/// </summary>
public sealed class DeliveryPlanner(RecipientDirectory directory, MessageComposer composer, IOptions<PreferencesOptions> options)
{
    public async Task<DeliveryPlan> PlanAsync(DeliveryDispatched record, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lookup = await directory.LookUpAsync(record.RecipientUserId, record.Category, cancellationToken);
        if (lookup is not ProfileLookup.Found(var profile, var cachedAt))
        {
            var unavailable = (ProfileLookup.Unavailable)lookup;
            return new DeliveryPlan(new DeliveryDecision.Hold(unavailable.Reason, now + options.Value.WaitWhenUnavailable));
        }

        var decision = DeliveryDecision.For(record, profile, now);
        if (decision is not DeliveryDecision.Send(var contact, var category))
        {
            return new DeliveryPlan(decision, PreferencesCachedAt: cachedAt);
        }
        try
        {
            return new DeliveryPlan(decision, composer.Compose(record, contact, profile.Recipient, category), cachedAt);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The template was checked when saved and the data when the send was accepted; what still fails here
            // fails every time, so it is not retried.
            return new DeliveryPlan(new DeliveryDecision.Reject($"The template could not be rendered: {ex.Message}"));
        }
    }
}
