namespace NotificationAspire.AppHost.Kubernetes.Objects;

/// <summary>Restricted pod security: a numeric non-root user (so the kubelet can check it), no privilege escalation, no capabilities.</summary>
public static class PodSecurity
{
    public static Fields NonRoot(long userId) => new()
    {
        ["runAsNonRoot"] = true,
        ["runAsUser"] = userId,
        ["runAsGroup"] = userId,
        ["fsGroup"] = userId,
        ["seccompProfile"] = new Fields { ["type"] = "RuntimeDefault" },
    };

    public static Fields Container(bool readOnlyRootFilesystem) => new()
    {
        ["runAsNonRoot"] = true,
        ["allowPrivilegeEscalation"] = false,
        ["readOnlyRootFilesystem"] = readOnlyRootFilesystem,
        ["capabilities"] = new Fields { ["drop"] = new List<object?> { "ALL" } },
    };
}
