namespace NotificationAspire.EndToEnd.Tests;

/// <summary>
/// The tests that share one <see cref="PlatformFixture"/>. Here and not beside the fixture in TestSupport:
/// xunit only finds collection definitions in the test assembly itself.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
