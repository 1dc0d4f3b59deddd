namespace Preferences.Api.Model;

/// <summary>A kind of notification, kept as data so operators add their own without a release.</summary>
public sealed class Category
{
    public required string Key { get; init; }
    public required string Name { get; set; }

    /// <summary>Channels a send in this category uses when the sender names none.</summary>
    public required List<string> DefaultChannels { get; set; }

    /// <summary>Security alerts and the like: delivered despite opt-outs and quiet hours.</summary>
    public bool Critical { get; set; }
}
