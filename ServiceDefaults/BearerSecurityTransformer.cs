using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Configuration;
using Microsoft.OpenApi;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Declares the bearer scheme in an API's OpenAPI document and, on each operation that needs a caller, the
/// requirement and the 401 (and, when the policy asks more than a signed-in caller, 403) that come with it.
/// </summary>
internal sealed class BearerSecurityTransformer(IAuthorizationPolicyProvider policies, IAuthorizationService authorization, IConfiguration configuration)
    : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    private const string ProblemJson = "application/problem+json";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        DeclareScheme(document);
        return Task.CompletedTask;
    }

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        NamePolicy(operation, context.Description.ActionDescriptor.EndpointMetadata);
        if (await EffectivePolicyAsync(context.Description.ActionDescriptor.EndpointMetadata) is not { } policy
            || context.Document is not { } document
            || await SatisfiedWithoutTokenAsync(policy))
        {
            return;
        }
        // The reference needs the host document to resolve; the document transformer declares its target.
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OpenApiExtensions.BearerSchemeName, document)] = [] });

        var problem = await ProblemDetailsSchemaAsync(document, context, ct);
        operation.Responses ??= [];
        operation.Responses.TryAdd("401", Problem("No token, or one that is expired or not for this API.", problem));
        if (policy.Requirements.Any(r => r is not DenyAnonymousAuthorizationRequirement))
        {
            operation.Responses.TryAdd("403", Problem("The token is valid but lacks what this operation requires (a role).", problem));
        }
    }

    /// <summary>
    /// Says which named policy guards the operation (`x-authorization-policy`), so the authorization table in
    /// docs/security.md is checked against the code: an endpoint that names none shows as "none" and fails that check.
    /// </summary>
    private static void NamePolicy(OpenApiOperation operation, IList<object> metadata)
    {
        var names = metadata.OfType<IAuthorizeData>().Select(d => d.Policy).OfType<string>().Distinct().ToList();
        var name = metadata.OfType<IAllowAnonymous>().Any() ? "anonymous" : names.Count > 0 ? string.Join(" + ", names) : "none";
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions[OpenApiExtensions.PolicyExtension] = new JsonNodeExtension(JsonValue.Create(name));
    }

    /// <summary>The policy the authorization middleware will apply, or null when the endpoint is anonymous.</summary>
    private async Task<AuthorizationPolicy?> EffectivePolicyAsync(IList<object> metadata)
    {
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            return null;
        }
        var requirements = metadata.OfType<IAuthorizationRequirementData>().SelectMany(d => d.GetRequirements()).ToList();
        var extra = metadata.OfType<AuthorizationPolicy>().ToList();
        if (requirements.Count > 0)
        {
            extra.Add(new AuthorizationPolicy(requirements, []));
        }
        // Without any authorization metadata the fallback policy applies (deny by default, see AuthenticationExtensions).
        return await AuthorizationPolicy.CombineAsync(policies, metadata.OfType<IAuthorizeData>(), extra)
            ?? await policies.GetFallbackPolicyAsync();
    }

    /// <summary>
    /// A named policy that a caller with no identity at all satisfies (a signed link's, which the endpoint checks
    /// itself) needs no token: the document must not ask for one, nor promise a 401 the service never sends.
    /// </summary>
    private async Task<bool> SatisfiedWithoutTokenAsync(AuthorizationPolicy policy) =>
        (await authorization.AuthorizeAsync(new ClaimsPrincipal(new ClaimsIdentity()), resource: null, policy)).Succeeded;

    private void DeclareScheme(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        if (document.Components.SecuritySchemes?.ContainsKey(OpenApiExtensions.BearerSchemeName) == true)
        {
            return;
        }
        var authority = configuration["Identity:Authority"]?.TrimEnd('/');
        var tokenEndpoint = authority is null ? "the identity provider's token endpoint" : $"`{authority}/protocol/openid-connect/token`";
        document.AddComponent(OpenApiExtensions.BearerSchemeName, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = $"An access token from {tokenEndpoint} (grant_type=client_credentials with your client id and secret), "
                + "sent as `Authorization: Bearer <token>`.",
        });
    }

    /// <summary>A reference to the ProblemDetails component the generator itself uses for problem responses.</summary>
    private static async Task<IOpenApiSchema> ProblemDetailsSchemaAsync(OpenApiDocument document, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        const string id = nameof(ProblemDetails); // the generator's own id for the type, so both share one component
        if (document.Components?.Schemas?.ContainsKey(id) != true)
        {
            document.AddComponent(id, await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, ct));
        }
        return new OpenApiSchemaReference(id, document);
    }

    private static OpenApiResponse Problem(string description, IOpenApiSchema schema) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new() { Schema = schema } },
    };
}
