using System.Text.Json.Nodes;
using Notifications.Api.Model;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Contracts.Templates;

namespace Notifications.Api.Sending;

/// <summary>The events a notification announces itself with; one place, so a re-drive says exactly what the send said.</summary>
public static class SendEvents
{
    /// <param name="template">The version the notification pinned (null for the sender's own text).</param>
    public static NotificationRequested Requested(Notification n, TemplateContent? template) =>
        new(n.Id, n.SenderId, n.Channel, n.Subject, n.Body, n.CorrelationKey,
            n.Recipients.Select(r => new RecipientAddress(r.UserId, r.Contact)).ToList(), n.CreatedAt)
        {
            Category = n.Category,
            Channels = n.Channels,
            Strategy = n.Strategy,
            SendTime = n.SendTime,
            Template = template,
            TemplateData = template is null || n.TemplateDataJson is null ? null : JsonNode.Parse(n.TemplateDataJson)?.AsObject(),
        };
}
