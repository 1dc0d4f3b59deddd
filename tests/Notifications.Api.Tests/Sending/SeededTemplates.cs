using Notifications.Api.Data;
using Notifications.Api.Model;
using Notifications.Api.Templates;

namespace Notifications.Api.Tests.Sending;

/// <summary>What the template store would find for a send, answered from the templates every installation is seeded with.</summary>
internal static class SeededTemplates
{
    public static TemplateLookup LookUp(string key, int? version = null)
    {
        var keyExists = TemplateSeed.Templates.Any(t => t.Key == key);
        var found = TemplateSeed.Versions.FirstOrDefault(v => v.TemplateKey == key && v.Version == (version ?? 1));
        return new TemplateLookup(key, version, found is null ? null : WithVariants(found), keyExists);
    }

    public static TemplateVersion WithVariants(TemplateVersion v) => new()
    {
        TemplateKey = v.TemplateKey,
        Version = v.Version,
        DefaultLocale = v.DefaultLocale,
        Variables = v.Variables,
        CreatedAt = v.CreatedAt,
        CreatedBy = v.CreatedBy,
        Variants = TemplateSeed.Variants.Where(x => x.TemplateKey == v.TemplateKey && x.Version == v.Version).ToList(),
    };
}
