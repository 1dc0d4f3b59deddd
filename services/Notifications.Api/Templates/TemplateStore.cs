using Microsoft.EntityFrameworkCore;
using Notifications.Api.Data;
using Notifications.Api.Model;
using NotificationAspire.Contracts.Templates;
using Npgsql;

namespace Notifications.Api.Templates;

/// <summary>What a send's templateKey and templateVersion found: the version to pin, or whether the key exists at all.</summary>
public sealed record TemplateLookup(string Key, int? RequestedVersion, TemplateVersion? Found, bool KeyExists);

/// <summary>Reads templates and their versions, and saves a new version as the current one.</summary>
public sealed class TemplateStore(NotificationsDbContext db, TimeProvider time)
{
    /// <summary>Two operators saving at once both aim at the same next number; the loser takes the one after.</summary>
    private const int SaveAttempts = 3;

    /// <summary>The version asked for, or the current one; null when the key or that version does not exist.</summary>
    public async Task<TemplateVersion?> FindVersionAsync(string key, int? version, CancellationToken ct)
    {
        var number = version ?? await db.Templates.AsNoTracking().Where(t => t.Key == key).Select(t => (int?)t.CurrentVersion).FirstOrDefaultAsync(ct);
        return number is null
            ? null
            : await db.TemplateVersions.AsNoTracking().Include(v => v.Variants)
                .FirstOrDefaultAsync(v => v.TemplateKey == key && v.Version == number, ct);
    }

    public async Task<TemplateLookup> LookUpAsync(string key, int? version, CancellationToken ct)
    {
        var found = await FindVersionAsync(key, version, ct);
        var keyExists = found is not null || await db.Templates.AnyAsync(t => t.Key == key, ct);
        return new TemplateLookup(key, version, found, keyExists);
    }

    /// <summary>The content a notification pinned, for publishing it again; versions never change, so it is what was sent.</summary>
    public async Task<TemplateContent?> ContentAsync(string key, int version, CancellationToken ct) =>
        (await FindVersionAsync(key, version, ct))?.ToContent();

    /// <summary>Saves the request as the template's next version (1 for a new key) and makes it current.</summary>
    public async Task<int> SaveAsync(string key, SaveTemplateRequest request, string savedBy, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var now = time.GetUtcNow();
            var template = await db.Templates.FirstOrDefaultAsync(t => t.Key == key, ct);
            if (template is null)
            {
                template = new NotificationTemplate { Key = key, Name = request.Name!, DefaultLocale = request.DefaultLocale!, CreatedAt = now };
                db.Templates.Add(template);
            }
            var number = template.CurrentVersion + 1;
            template.Name = request.Name!;
            template.Description = request.Description;
            template.DefaultLocale = request.DefaultLocale!;
            template.CurrentVersion = number;
            template.UpdatedAt = now;
            db.TemplateVersions.Add(new TemplateVersion
            {
                TemplateKey = key,
                Version = number,
                DefaultLocale = request.DefaultLocale!,
                Variables = [.. request.Variables ?? []],
                Variants = request.Variants!.Select(v => TemplateLocaleVariant.From(key, number, v)).ToList(),
                CreatedAt = now,
                CreatedBy = savedBy,
            });
            try
            {
                await db.SaveChangesAsync(ct);
                return number;
            }
            catch (DbUpdateException ex) when (attempt < SaveAttempts && ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                db.ChangeTracker.Clear(); // a concurrent save took this number (or created the key): read again and take the next
            }
        }
    }
}
