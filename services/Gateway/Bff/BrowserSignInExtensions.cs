using System.Security.Claims;
using System.Security.Cryptography;
using Gateway.Bff.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using NotificationAspire.Contracts;
using NotificationAspire.Persistence;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Gateway.Bff;

/// <summary>
/// Browser sign-in at the gateway (backend-for-frontend). A browser never holds a token: the gateway signs it in
/// with the authorization code flow and PKCE as the realm's confidential `gateway` client, keeps the tokens in a
/// server-side session ticket (PostgreSQL, shared by every replica, as is the Data Protection key ring), and gives
/// the browser an HttpOnly cookie naming that ticket. API calls with the cookie need `X-CSRF: 1`; the gateway
/// renews the access token before it expires and forwards it as a bearer token, without the browser's cookies.
/// Callers with `Authorization: Bearer` are authenticated exactly as before: the default scheme picks the bearer
/// handler whenever the request has an Authorization header (or no session cookie), the cookie otherwise.
/// Challenges on the cookie answer 401 problem details, never a redirect: only /bff/login redirects.
/// </summary>
public static class BrowserSignInExtensions
{
    public static IHostApplicationBuilder AddBrowserSignIn(this IHostApplicationBuilder builder)
    {
        var identity = builder.Configuration.GetSection("Identity");
        var authority = identity["Authority"] ?? throw new InvalidOperationException("Identity:Authority is not configured.");
        builder.Services.Configure<BffOptions>(builder.Configuration.GetSection(BffOptions.Section));

        builder.AddPlatformDbContext<GatewayDbContext>(ResourceNames.GatewayDatabase);
        builder.Services.AddDataProtection()
            .SetApplicationName("NotificationAspire.Gateway")
            .PersistKeysToDbContext<GatewayDbContext>();

        builder.Services.AddSingleton<SessionTokens>();
        builder.Services.AddSingleton<LogoutToken>();
        builder.Services.AddSingleton<ITicketStore, DatabaseTicketStore>();
        builder.Services.AddSingleton<ITransformProvider, SessionTokenTransforms>();
        builder.Services.AddHttpClient(SessionTokens.HttpClientName);
        builder.Services.TryAddSingletonTimeProvider();

        builder.Services.Configure<AuthenticationOptions>(options =>
        {
            options.DefaultScheme = BffDefaults.SelectorScheme;
            options.DefaultChallengeScheme = BffDefaults.SelectorScheme;
        });
        builder.Services.AddAuthentication()
            .AddPolicyScheme(BffDefaults.SelectorScheme, "Bearer token, else browser session", options =>
                options.ForwardDefaultSelector = SelectScheme)
            .AddCookie(BffDefaults.CookieScheme, options =>
            {
                options.Cookie.Name = BffOptions.CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax; // sent on the top-level return from the identity provider
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.Cookie.Path = "/";
                options.CookieManager = new SessionCookieManager();
                options.SlidingExpiration = true;
                options.Events = new CookieAuthenticationEvents
                {
                    OnValidatePrincipal = context => context.HttpContext.RequestServices.GetRequiredService<SessionTokens>().ValidatePrincipalAsync(context),
                    OnRedirectToLogin = context => BffProblems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized,
                        context.HttpContext.Items[SessionTokens.RejectionItem] as string ?? "No browser session, or it has ended; sign in at /bff/login."),
                    OnRedirectToAccessDenied = context => BffProblems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden,
                        "The session's user may not do this."),
                };
            })
            .AddOpenIdConnect(BffDefaults.OpenIdConnectScheme, options =>
            {
                options.SignInScheme = BffDefaults.CookieScheme;
                options.Authority = authority;
                options.RequireHttpsMetadata = authority.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
                options.ClientId = identity["ClientId"];
                options.ClientSecret = identity["ClientSecret"];
                options.ResponseType = "code";
                options.UsePkce = true;
                // A top-level GET back to the gateway carries SameSite=Lax cookies (the correlation and nonce
                // cookies); a cross-site form post (form_post) would need SameSite=None, which needs HTTPS.
                options.ResponseMode = "query";
                options.CorrelationCookie.SameSite = options.NonceCookie.SameSite = SameSiteMode.Lax;
                options.CorrelationCookie.SecurePolicy = options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                // No offline_access: Keycloak's offline tokens outlive the single sign-on session, and signing out
                // must end everything. Refresh tokens of the session are issued without it.
                options.Scope.Clear();
                options.Scope.Add("openid");
                options.Scope.Add("profile");
                options.Scope.Add("email");
                options.SaveTokens = true;
                options.MapInboundClaims = false;
                options.GetClaimsFromUserInfoEndpoint = false;
                // The stand-in has no pushed-authorization endpoint; both modes take the same, plain path.
                options.PushedAuthorizationBehavior = PushedAuthorizationBehavior.Disable;
                options.CallbackPath = BffDefaults.CallbackPath;
                options.SignedOutCallbackPath = BffDefaults.SignedOutCallbackPath;
                options.SignedOutRedirectUri = BffDefaults.HomePath;
                options.TokenValidationParameters.NameClaimType = "preferred_username";
                options.TokenValidationParameters.RoleClaimType = AuthenticationExtensions.RoleClaim;
                options.Events = new OpenIdConnectEvents
                {
                    OnTokenValidated = context =>
                    {
                        var principal = SessionTokens.WithRoles(context.Principal!, context.TokenEndpointResponse?.AccessToken);
                        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(LogoutToken.SessionIdClaim,
                            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))));
                        context.Principal = principal;
                        return Task.CompletedTask;
                    },
                    // Keycloak accepts client_id beside id_token_hint; it names the client when the hint has expired.
                    OnRedirectToIdentityProviderForSignOut = context =>
                    {
                        context.ProtocolMessage.ClientId = context.Options.ClientId;
                        return Task.CompletedTask;
                    },
                    OnRemoteFailure = async context =>
                    {
                        context.HandleResponse();
                        await BffProblems.WriteAsync(context.HttpContext, StatusCodes.Status400BadRequest,
                            $"Sign-in did not complete: {context.Failure?.Message} Start again at {BffDefaults.LoginPath}.");
                    },
                };
            });
        builder.Services.AddOptions<CookieAuthenticationOptions>(BffDefaults.CookieScheme)
            .Configure<ITicketStore, IOptions<BffOptions>>((options, store, bff) =>
            {
                options.SessionStore = store;
                options.ExpireTimeSpan = bff.Value.SessionLifetime;
            });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(BffPolicies.Session, policy => policy.AddAuthenticationSchemes(BffDefaults.CookieScheme).RequireAuthenticatedUser())
            .AddPolicy(BffPolicies.SignIn, policy => policy.RequireAssertion(_ => true));

        // The callback's token request and the refresh tokens are better not the first thing a cold gateway does.
        builder.Services.AddWarmUp("the identity provider's endpoints for browser sign-in", (services, ct) =>
            services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(BffDefaults.OpenIdConnectScheme)
                .ConfigurationManager!.GetConfigurationAsync(ct));
        return builder;
    }

    public static WebApplication MapBrowserSignIn(this WebApplication app)
    {
        app.MapBffEndpoints();
        app.MapHomePage();
        return app;
    }

    /// <summary>Any Authorization header means a token caller (as before); without one, a session cookie means a browser.</summary>
    private static string SelectScheme(HttpContext context) =>
        context.Request.Headers.Authorization.Count == 0
        && context.Request.Cookies.ContainsKey(SessionCookieManager.NameFor(context, BffOptions.CookieName))
            ? BffDefaults.CookieScheme
            : JwtBearerDefaults.AuthenticationScheme;

    private static void TryAddSingletonTimeProvider(this IServiceCollection services) =>
        Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton(services, TimeProvider.System);
}
