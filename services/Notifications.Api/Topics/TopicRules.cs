using System.Text.RegularExpressions;
using Notifications.Api.Data;
using NotificationAspire.Contracts;

namespace Notifications.Api.Topics;

/// <summary>What makes a topic key, a topic's name and a list of subscribers acceptable; errors name the JSON field.</summary>
public static partial class TopicRules
{
    public const string KeyHint = "A topic key is 1 to 64 lowercase letters, digits and single hyphens (product-news).";

    public static bool IsKey(string? key) => key is { Length: > 0 and <= TopicMapping.MaxKeyLength } && Slug().IsMatch(key);

    public static void ValidateCreate(CreateTopicRequest request, FieldErrors errors)
    {
        if (!IsKey(request.Key))
        {
            errors.Add("key", KeyHint);
        }
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > TopicMapping.MaxNameLength || !TextRules.IsSingleLine(request.Name))
        {
            errors.Add("name", $"A name of 1 to {TopicMapping.MaxNameLength} characters on one line is required.");
        }
    }

    /// <summary>The distinct user ids of a (un)subscribe call, or null with the errors; a person listed twice counts once.</summary>
    public static IReadOnlyList<string>? UserIds(SubscribersRequest request, FieldErrors errors)
    {
        if (request.UserIds is not { Count: > 0 } userIds)
        {
            errors.Add("userIds", "At least one user id is required.");
            return null;
        }
        if (userIds.Count > TopicLimits.MaxSubscribersPerCall)
        {
            errors.Add("userIds", $"At most {TopicLimits.MaxSubscribersPerCall} user ids per call; send the rest in another.");
            return null;
        }
        for (var i = 0; i < userIds.Count; i++)
        {
            if (UserIdProblem(userIds[i]) is { } problem)
            {
                errors.Add($"userIds[{i}]", problem);
            }
        }
        return errors.Any ? null : userIds.Select(id => id!).Distinct(StringComparer.Ordinal).ToList();
    }

    public static string? UserIdProblem(string? userId) =>
        string.IsNullOrWhiteSpace(userId) || userId.Length > TopicMapping.MaxUserIdLength ? $"A user id of 1 to {TopicMapping.MaxUserIdLength} characters is required."
        : !TextRules.IsSingleLine(userId) ? TextRules.SingleLineMessage
        : null;

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex Slug();
}
