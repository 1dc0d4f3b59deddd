using Microsoft.Extensions.Options;
using NotificationAspire.Contracts.Recipients;

namespace Preferences.Api.Unsubscribe;

/// <summary>`Unsubscribe:SigningKey`: the secret the worker signs unsubscribe links with, shared with this service (a secret parameter).</summary>
public sealed class UnsubscribeOptions
{
    public const string Section = "Unsubscribe";

    public string? SigningKey { get; set; }
}

/// <summary>A missing or short key stops the service at start rather than failing every link later.</summary>
public sealed class UnsubscribeOptionsValidator : IValidateOptions<UnsubscribeOptions>
{
    public ValidateOptionsResult Validate(string? name, UnsubscribeOptions options)
    {
        try
        {
            UnsubscribeToken.ParseKey(options.SigningKey);
            return ValidateOptionsResult.Success;
        }
        catch (InvalidOperationException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
