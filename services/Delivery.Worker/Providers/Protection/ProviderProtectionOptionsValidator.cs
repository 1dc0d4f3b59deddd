using Microsoft.Extensions.Options;
using ContractChannels = NotificationAspire.Contracts.Events.Channels;

namespace Delivery.Worker.Providers.Protection;

/// <summary>
/// Checks the top-level limits and each channel's merged limits at startup, so a typo in a channel name or a
/// zero rate stops the worker with the key to fix instead of silently blocking (or unleashing) every send.
/// </summary>
internal sealed class ProviderProtectionOptionsValidator : IValidateOptions<ProviderProtectionOptions>
{
    public ValidateOptionsResult Validate(string? name, ProviderProtectionOptions options)
    {
        const string section = ProviderProtectionOptions.SectionName;
        var problems = options.For(string.Empty).Problems(section).ToList();
        foreach (var channel in options.Channels.Keys)
        {
            if (!ContractChannels.Supported.Any(c => string.Equals(c, channel, StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add($"{section}:Channels:{channel} names no supported channel (supported: {string.Join(", ", ContractChannels.Supported)}).");
                continue;
            }
            problems.AddRange(options.For(channel).Problems($"{section}:Channels:{channel}"));
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
