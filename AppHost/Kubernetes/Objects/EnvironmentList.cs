using NotificationAspire.AppHost.Kubernetes.Model;

namespace NotificationAspire.AppHost.Kubernetes.Objects;

/// <summary>A container's `env` list: Secret references by name and key, and composed values after the variables they use.</summary>
public static class EnvironmentList
{
    public static List<object?> Of(IEnumerable<EnvEntry> entries)
    {
        var list = new List<object?>();
        var defined = new HashSet<string>();
        foreach (var entry in entries)
        {
            switch (entry.Value)
            {
                case LiteralValue literal:
                    list.Add(new Fields { ["name"] = entry.Name, ["value"] = literal.Text });
                    break;
                case SecretValue secret:
                    list.Add(FromSecret(entry.Name, secret.Secret));
                    break;
                case ComposedValue composed:
                    // Kubernetes expands `$(NAME)` only for variables defined earlier in the list.
                    foreach (var (variable, secret) in composed.Parts.Where(p => defined.Add(p.Variable)))
                    {
                        list.Add(FromSecret(variable, secret));
                    }
                    list.Add(new Fields { ["name"] = entry.Name, ["value"] = composed.Template });
                    break;
            }
        }
        return list;
    }

    public static IEnumerable<SecretReference> SecretsOf(IEnumerable<EnvEntry> entries) => entries.SelectMany(e => e.Value switch
    {
        SecretValue secret => [secret.Secret],
        ComposedValue composed => composed.Parts.Select(p => p.Secret),
        _ => Enumerable.Empty<SecretReference>(),
    });

    private static Fields FromSecret(string name, SecretReference secret) => new()
    {
        ["name"] = name,
        ["valueFrom"] = new Fields
        {
            [secret.IsConfigMap ? "configMapKeyRef" : "secretKeyRef"] = new Fields { ["name"] = secret.Name, ["key"] = secret.Key },
        },
    };
}
