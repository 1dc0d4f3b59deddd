using NotificationAspire.Contracts.Events;
using NotificationAspire.Contracts.Recipients;
using Preferences.Api.Model;

namespace Preferences.Api.Data;

/// <summary>The categories every installation starts with (seeded by the initial migration); operators add theirs as data.</summary>
public static class CategorySeed
{
    public static Category[] All =>
    [
        new() { Key = NotificationCategories.General, Name = "General", DefaultChannels = [Channels.Email] },
        new() { Key = "order-updates", Name = "Order updates", DefaultChannels = [Channels.Email] },
        new() { Key = "billing", Name = "Billing", DefaultChannels = [Channels.Email] },
        new() { Key = "security", Name = "Security alerts", DefaultChannels = [Channels.Email], Critical = true },
    ];
}
