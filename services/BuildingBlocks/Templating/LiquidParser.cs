using Fluid;

namespace NotificationAspire.Templating;

/// <summary>The one parser and render options every template shares; Fluid's parser is thread-safe and costly to build.</summary>
internal static class LiquidParser
{
    public static FluidParser Instance { get; } = new();

    /// <summary>
    /// Templates come from operators, data from senders: a loop over a huge range or deep recursion must end
    /// in an error, not hold a delivery thread.
    /// </summary>
    public static TemplateOptions Options { get; } = new() { MaxSteps = 100_000, MaxRecursion = 20 };
}
