using Microsoft.Extensions.Options;

namespace Delivery.Worker.Delivering;

/// <summary>Names every problem of `Delivery:Retry` at startup, not just that there is one.</summary>
public sealed class DeliveryRetryOptionsValidator : IValidateOptions<DeliveryRetryOptions>
{
    public ValidateOptionsResult Validate(string? name, DeliveryRetryOptions options)
    {
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
