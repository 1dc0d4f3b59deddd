using Microsoft.EntityFrameworkCore;
using Notifications.Api.Model;

namespace Notifications.Api.Data;

/// <summary>Templates, their immutable versions and each version's locale variants.</summary>
public static class TemplateMapping
{
    public static void MapTemplates(this ModelBuilder model)
    {
        model.Entity<NotificationTemplate>(t =>
        {
            t.ToTable("templates");
            t.HasKey(x => x.Key);
            t.Property(x => x.Key).HasMaxLength(100);
            t.Property(x => x.Name).HasMaxLength(200);
            t.Property(x => x.Description).HasMaxLength(2000);
            t.Property(x => x.DefaultLocale).HasMaxLength(35);
            t.HasMany(x => x.Versions).WithOne().HasForeignKey(v => v.TemplateKey);
        });
        model.Entity<TemplateVersion>(v =>
        {
            v.ToTable("template_versions");
            // The key is what makes concurrent saves safe: two saves aiming at the same number cannot both succeed.
            v.HasKey(x => new { x.TemplateKey, x.Version });
            v.Property(x => x.DefaultLocale).HasMaxLength(35);
            v.Property(x => x.CreatedBy).HasMaxLength(200);
            v.HasMany(x => x.Variants).WithOne().HasForeignKey(x => new { x.TemplateKey, x.Version });
        });
        model.Entity<TemplateLocaleVariant>(v =>
        {
            v.ToTable("template_variants");
            v.HasKey(x => new { x.TemplateKey, x.Version, x.Locale });
            v.Property(x => x.Locale).HasMaxLength(35);
        });
    }
}
