namespace Preferences.Api.Model;

/// <summary>A person's quiet hours, local times in their profile's time zone; End before Start runs across midnight.</summary>
public sealed class QuietHours
{
    public required string UserId { get; init; }
    public TimeOnly Start { get; init; }
    public TimeOnly End { get; init; }
}
