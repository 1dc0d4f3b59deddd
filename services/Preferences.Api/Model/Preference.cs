namespace Preferences.Api.Model;

/// <summary>
/// One choice of one person: a channel on or off for one category, or for every category when
/// <see cref="Category"/> is null. Keyed by user id alone: a person without a profile can still opt out.
/// </summary>
public sealed class Preference
{
    public long Id { get; init; }
    public required string UserId { get; init; }
    public string? Category { get; init; }
    public required string Channel { get; init; }
    public bool Enabled { get; set; }
}
