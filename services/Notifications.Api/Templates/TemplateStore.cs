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
    /// <summary>Only the first saves of a new key can collide (on its insert); later saves queue on the template's row.</summary>
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
            try
            {
                return await db.Database.CreateExecutionStrategy().ExecuteAsync(ct => SaveLockedAsync(key, request, savedBy, ct), ct);
            }
            catch (DbUpdateException ex) when (attempt < SaveAttempts && ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Two first saves of a new key: there was no row to queue on, and the loser takes the number after the winner's.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<int> SaveLockedAsync(string key, SaveTemplateRequest request, string savedBy, CancellationToken ct)
    {
        db.ChangeTracker.Clear(); // the execution strategy runs this again after a transient failure
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Saves of one key queue on its row, so each takes the next number instead of failing on it.
        var template = (await db.Templates.FromSql($"""SELECT * FROM templates WHERE "Key" = {key} FOR UPDATE""").ToListAsync(ct)).SingleOrDefault();
        var now = time.GetUtcNow();
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
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return number;
    }
}
