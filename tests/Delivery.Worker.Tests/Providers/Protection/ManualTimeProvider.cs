namespace Delivery.Worker.Tests.Providers.Protection;

/// <summary>
/// A clock that moves only when a test says so. Small enough to write here rather than add
/// Microsoft.Extensions.TimeProvider.Testing; protection reads nothing but <see cref="GetUtcNow"/>.
/// </summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private DateTimeOffset now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
