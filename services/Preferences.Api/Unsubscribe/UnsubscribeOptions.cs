using Microsoft.Extensions.Options;
using NotificationAspire.Contracts.Recipients;

namespace Preferences.Api.Unsubscribe;

/// <summary>`Unsubscribe:SigningKey`: the base64 key the worker signs unsubscribe links with, shared with this service.</summary>
public sealed class UnsubscribeOptions
{
    public const string Section = "Unsubscribe";

    public string? SigningKey { get; set; }
}

/// <summary>A missing, short or malformed key stops the service at start rather than failing every link later.</summary>
public sealed class UnsubscribeOptionsValidator : IValidateOptions<UnsubscribeOptions>
{
    public ValidateOptionsResult Validate(string? name, UnsubscribeOptions options)
    {
        try
        {
            UnsubscribeToken.ParseKey(options.SigningKey);
            return ValidateOptionsResult.Success;
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            return ValidateOptionsResult.Fail($"{UnsubscribeOptions.Section}:SigningKey must be base64 of at least {UnsubscribeToken.MinKeyBytes} bytes. {ex.Message}");
        }
    }
}
