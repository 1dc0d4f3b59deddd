using System.Text.Json;

namespace NotificationAspire.Standins.IdentityStandIn.Realm;

/// <summary>Reads the Keycloak realm file named by REALM_FILE and checks what Keycloak's import would reject.</summary>
public static class RealmLoader
{
    public const string RealmFileVariable = "REALM_FILE";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static RealmDirectory Load(string? path, Func<string, string?> environment)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new RealmFileException(
                $"{RealmFileVariable} is not set. Point it at the Keycloak realm export to serve, e.g. AppHost/Realms/notifications-realm.json.");
        }

        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new RealmFileException($"{RealmFileVariable} points at '{fullPath}', which does not exist.");
        }

        var text = PlaceholderResolver.Resolve(File.ReadAllText(fullPath), environment);

        RealmDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<RealmDocument>(text, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new RealmFileException($"'{fullPath}' is not a valid realm file: {ex.Message}", ex);
        }

        if (document is null || string.IsNullOrWhiteSpace(document.Realm))
        {
            throw new RealmFileException($"'{fullPath}' has no \"realm\" name.");
        }

        if (!document.Enabled)
        {
            throw new RealmFileException($"Realm '{document.Realm}' is not enabled in '{fullPath}'.");
        }

        CheckRoleReferences(document);
        return new RealmDirectory(document);
    }

    // Keycloak's import fails on a user holding an undefined realm role; fail the same way, at startup.
    private static void CheckRoleReferences(RealmDocument document)
    {
        var defined = (document.Roles?.Realm ?? []).Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var undefined = document.Users
            .SelectMany(u => u.RealmRoles.Where(r => !defined.Contains(r)).Select(r => $"{u.Username} -> {r}"))
            .ToList();

        if (undefined.Count > 0)
        {
            throw new RealmFileException($"Users reference realm roles the file does not define: {string.Join(", ", undefined)}.");
        }
    }
}
