using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The OpenAPI document every platform API serves: what it generates from the route tables, plus the bearer
/// scheme and the 401/403 answers of protected operations, so the reference UI can send an authenticated call.
/// </summary>
public static class OpenApiExtensions
{
    /// <summary>The security scheme's name in every document; the gateway's reference UI selects it by this name.</summary>
    public const string BearerSchemeName = "Bearer";

    /// <summary>The operation extension naming the authorization policy that guards it.</summary>
    public const string PolicyExtension = "x-authorization-policy";

    public static TBuilder AddDefaultOpenApi<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<BearerSecurityTransformer>();
            options.AddOperationTransformer<BearerSecurityTransformer>();
        });
        return builder;
    }
}
