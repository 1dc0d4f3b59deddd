using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NotificationAspire.Contracts;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// JWT bearer validation against the realm's authority (Keycloak or its local stand-in; the service
/// cannot tell which). Deny by default: an endpoint without a named policy needs an authenticated caller.
/// </summary>
public static class AuthenticationExtensions
{
    public const string RoleClaim = "role";

    /// <summary>
    /// How far clocks may disagree when checking a token's `exp` and `nbf`. JwtBearer's default (5 minutes)
    /// kept tokens usable that long after they expired; services and the identity provider share NTP time.
    /// </summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(10);

    /// <summary>The realm signs with its asymmetric keys only; `none` and shared-secret algorithms are refused outright.</summary>
    public static readonly string[] SigningAlgorithms = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"];

    public static TBuilder AddDefaultAuthentication<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var identity = builder.Configuration.GetSection("Identity");
        var authority = identity["Authority"]
            ?? throw new InvalidOperationException("Identity:Authority is not configured; the AppHost sets it from the identity resource.");
        var audience = identity["Audience"]
            ?? throw new InvalidOperationException("Identity:Audience is not configured.");

        builder.Services.AddHostedService<EndpointPolicyCheck>();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.Authority = authority;
                options.Audience = audience;
                options.RequireHttpsMetadata = authority.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
                // Keep claim names as the token has them (sub, azp, preferred_username).
                options.MapInboundClaims = false;
                options.TokenValidationParameters.NameClaimType = "preferred_username";
                options.TokenValidationParameters.RoleClaimType = RoleClaim;
                options.TokenValidationParameters.ClockSkew = ClockSkew;
                options.TokenValidationParameters.RequireExpirationTime = true;
                options.TokenValidationParameters.RequireSignedTokens = true;
                options.TokenValidationParameters.ValidAlgorithms = SigningAlgorithms;
                options.Events = new JwtBearerEvents { OnTokenValidated = MapRealmRoles };
            });
        // Discovery and the signing keys are otherwise fetched by the first request that carries a token.
        builder.Services.AddWarmUp("the identity provider's signing keys", (services, ct) =>
            services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme)
                .ConfigurationManager!.GetConfigurationAsync(ct));

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(PlatformPolicies.Sender, p => p.RequireAuthenticatedUser().RequireRole(PlatformRoles.Send))
            .AddPolicy(PlatformPolicies.Admin, p => p.RequireAuthenticatedUser().RequireRole(PlatformRoles.Admin))
            .AddPolicy(PlatformPolicies.Authenticated, p => p.RequireAuthenticatedUser())
            .AddPolicy(PlatformPolicies.OperationsReader, p => p.RequireAuthenticatedUser().RequireRole(PlatformRoles.Admin, PlatformRoles.Support))
            .AddPolicy(PlatformPolicies.RecipientWriter, p => p.RequireAuthenticatedUser().RequireRole(PlatformRoles.RecipientsWrite, PlatformRoles.Admin))
            .AddPolicy(PlatformPolicies.RecipientReader, p => p.RequireAuthenticatedUser().RequireRole(PlatformRoles.RecipientsRead, PlatformRoles.Admin))
            // Senders see their own notifications' timelines (the endpoint checks whose), operators and support any.
            .AddPolicy(PlatformPolicies.TimelineReader, p => p.RequireAuthenticatedUser().RequireRole(PlatformRoles.Send, PlatformRoles.Admin, PlatformRoles.Support))
            // The endpoint verifies the link's signature itself; there is no caller identity to check.
            .AddPolicy(PlatformPolicies.SignedLink, p => p.RequireAssertion(_ => true));
        return builder;
    }

    /// <summary>Keycloak puts realm roles in a JSON object (`realm_access.roles`); ASP.NET wants one claim per role.</summary>
    private static Task MapRealmRoles(TokenValidatedContext context)
    {
        if (context.Principal?.Identity is not ClaimsIdentity identity)
        {
            return Task.CompletedTask;
        }
        foreach (var realmAccess in identity.FindAll("realm_access").ToList())
        {
            using var json = JsonDocument.Parse(realmAccess.Value);
            if (json.RootElement.TryGetProperty("roles", out var roles) && roles.ValueKind == JsonValueKind.Array)
            {
                foreach (var role in roles.EnumerateArray())
                {
                    identity.AddClaim(new Claim(RoleClaim, role.GetString() ?? string.Empty));
                }
            }
        }
        return Task.CompletedTask;
    }
}
