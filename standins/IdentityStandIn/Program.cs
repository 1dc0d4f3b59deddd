using NotificationAspire.Standins.IdentityStandIn;
using NotificationAspire.Standins.IdentityStandIn.Browser;
using NotificationAspire.Standins.IdentityStandIn.Realm;
using NotificationAspire.Standins.IdentityStandIn.Tokens;
using static OpenIddict.Abstractions.OpenIddictConstants;

// A dev-only stand-in for Keycloak: it serves the realm file Keycloak imports, under Keycloak's URL layout,
// for machines that cannot run the Keycloak container. It keeps no state on disk: keys, browser sessions and the
// tokens they issued die with the process (a restart signs every browser out).
var builder = WebApplication.CreateBuilder(args);

RealmDirectory realm;
try
{
    realm = RealmLoader.Load(builder.Configuration[RealmLoader.RealmFileVariable], Environment.GetEnvironmentVariable);
}
catch (RealmFileException ex)
{
    // A configuration mistake, not a crash: print what to fix instead of a stack trace.
    Console.Error.WriteLine($"IdentityStandIn cannot start: {ex.Message}");
    return 1;
}

builder.Services.AddSingleton(realm);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<BrowserSessions>();
builder.Services.AddHealthChecks();

builder.Services.AddOpenIddict()
    .AddServer(options =>
    {
        // No database: clients and users come from the realm file, checked by our own handlers.
        options.EnableDegradedMode();

        // Relative to the /realms/{realm} path base, which gives Keycloak's URLs and issuer.
        options.SetConfigurationEndpointUris(".well-known/openid-configuration")
               .SetJsonWebKeySetEndpointUris("protocol/openid-connect/certs")
               .SetTokenEndpointUris("protocol/openid-connect/token")
               .SetAuthorizationEndpointUris("protocol/openid-connect/auth")
               .SetEndSessionEndpointUris("protocol/openid-connect/logout");

        options.AllowClientCredentialsFlow()
               .AllowPasswordFlow()
               .AllowAuthorizationCodeFlow()
               .AllowRefreshTokenFlow();

        // Browsers sign in with the code flow and PKCE, S256 only (the realm's clients set pkce.code.challenge.method).
        options.RequireProofKeyForCodeExchange();
        options.Configure(o => o.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));

        // Keycloak's built-in client scopes; anything else gets invalid_scope, as it would there.
        options.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.Roles, Scopes.OfflineAccess, "web-origins", "acr", "basic");

        options.SetAccessTokenLifetime(realm.AccessTokenLifetime);

        // Fresh keys per run are fine for a stand-in: APIs fetch the JWKS from the certs endpoint.
        options.AddEphemeralEncryptionKey()
               .AddEphemeralSigningKey();

        // APIs read access tokens as plain RS256 JWTs, like Keycloak's.
        options.DisableAccessTokenEncryption();

        // The realm's clients authenticate with client secrets only (basic or post), so don't advertise private_key_jwt.
        options.Configure(o => o.ClientAuthenticationMethods.Remove(ClientAuthenticationMethods.PrivateKeyJwt));

        options.AddEventHandler(TokenRequestValidator.Descriptor)
               .AddEventHandler(TokenIssuer.Descriptor)
               .AddEventHandler(UserTokenShaper.Descriptor)
               .AddEventHandler(RefreshTokenPolicy.Descriptor)
               .AddEventHandler(AuthorizationRequestValidator.Descriptor)
               .AddEventHandler(EndSessionRequestValidator.Descriptor);

        // Plain http on loopback inside the dev environment, as Keycloak runs with sslRequired "none". The login
        // page and the sign-out are ours (Browser/): OpenIddict validates those requests and passes them on.
        options.UseAspNetCore()
               .DisableTransportSecurityRequirement()
               .EnableAuthorizationEndpointPassthrough()
               .EnableEndSessionEndpointPassthrough();
    });

var app = builder.Build();

app.UseRealmPaths(realm);

app.MapBrowserEndpoints();
app.MapHealthChecks("/health");
app.MapHealthChecks("/alive");

app.Logger.LogInformation(
    "Serving realm '{Realm}' ({Clients} clients, {Users} users) at /realms/{Realm}. Dev stand-in only.",
    realm.Name, realm.Document.Clients.Count, realm.Document.Users.Count, realm.Name);

app.Run();
return 0;
