namespace NotificationAspire.EndToEnd.Tests.SignIn;

/// <summary>
/// A platform of its own for browser sign-in: browser sessions' access tokens (the realm's `gateway` client) live
/// <see cref="AccessTokenLifespan"/> instead of five minutes, and the gateway renews them in the last
/// <see cref="RefreshWindow"/>, so a test sees a session cross its token's expiry in seconds. Other collections keep
/// the realm's lifespan for their password-grant tokens. The gateway also proxies one extra route, to
/// <see cref="Probe"/>: a listener in this process standing where a service would, recording what reaches it.
/// </summary>
public sealed class SignInFixture : PlatformFixture, IAsyncLifetime
{
    public static readonly TimeSpan AccessTokenLifespan = TimeSpan.FromSeconds(20);
    public static readonly TimeSpan RefreshWindow = TimeSpan.FromSeconds(5);

    public const string ProbePath = "/api/probe/headers";

    private const string Gateway = $"--ServiceSettings:{Contracts.ResourceNames.Gateway}";

    public RequestProbe Probe { get; } = new();

    protected override IEnumerable<string> AppHostArguments() =>
    [
        .. base.AppHostArguments(),
        $"--Identity:GatewayAccessTokenLifespan={(int)AccessTokenLifespan.TotalSeconds}",
        $"{Gateway}:Bff:TokenRefreshWindow={RefreshWindow}",
        // Configured like the real API routes, so it gets what they get (policy, transforms).
        $"{Gateway}:ReverseProxy:Routes:probe:ClusterId=probe",
        $"{Gateway}:ReverseProxy:Routes:probe:AuthorizationPolicy=authenticated",
        $"{Gateway}:ReverseProxy:Routes:probe:Match:Path={ProbePath}",
        $"{Gateway}:ReverseProxy:Clusters:probe:Destinations:probe:Address={Probe.Address}",
    ];

    Task IAsyncLifetime.InitializeAsync() => InitializeAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        Probe.Dispose();
    }
}

/// <summary>
/// Runs alone, like the fault-injection collection: two platforms starting at once on a two-core machine miss the
/// fixture's start-up deadline.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SignInCollection : ICollectionFixture<SignInFixture>
{
    public const string Name = "sign-in";
}
