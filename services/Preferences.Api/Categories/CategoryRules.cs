using System.Text.RegularExpressions;
using NotificationAspire.Contracts.Recipients;
using NotificationAspire.Http;

namespace Preferences.Api.Categories;

/// <summary>`PUT /api/categories/{key}`: the category's name, default channels and whether it is critical.</summary>
public sealed record CategoryRequest(string? Name, List<string?>? DefaultChannels, bool? Critical);

/// <summary>What a category may be. Keys are slugs: they travel in URLs, unsubscribe tokens and template data.</summary>
public static partial class CategoryRules
{
    public const int MaxNameLength = 200;
    public const string KeyMessage = "A key is 1 to 64 lowercase letters, digits and hyphens, starting with a letter or digit (order-updates).";

    [GeneratedRegex(@"\A[a-z0-9][a-z0-9-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Slug();

    public static bool IsKey(string? key) => key is not null && Slug().IsMatch(key);

    public static string ChannelMessage(string? channel) =>
        $"Unknown channel '{channel}'. Known: {string.Join(", ", KnownChannels.All.Order(StringComparer.Ordinal))}.";

    /// <summary>The category's fields, or null with every problem recorded.</summary>
    public static (string Name, List<string> Channels, bool Critical)? Validate(CategoryRequest request, FieldErrors errors)
    {
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            errors.Add("name", $"A name of 1 to {MaxNameLength} characters is required.");
        }
        else if (!TextRules.IsSingleLine(name))
        {
            errors.Add("name", TextRules.SingleLineMessage);
        }
        var channels = new List<string>();
        if (request.DefaultChannels is not { Count: > 0 } requested)
        {
            errors.Add("defaultChannels", "At least one default channel is required.");
        }
        else
        {
            for (var i = 0; i < requested.Count; i++)
            {
                if (requested[i] is not { } channel || !KnownChannels.All.Contains(channel))
                {
                    errors.Add($"defaultChannels[{i}]", ChannelMessage(requested[i]));
                }
                else if (channels.Contains(channel))
                {
                    errors.Add($"defaultChannels[{i}]", $"'{channel}' is listed more than once.");
                }
                else
                {
                    channels.Add(channel);
                }
            }
        }
        return errors.Any ? null : (name!, channels, request.Critical ?? false);
    }
}
