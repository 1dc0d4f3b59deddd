namespace NotificationAspire.AppHost.Infrastructure;

/// <summary>How the AppHost provides PostgreSQL, Kafka, identity and mail.</summary>
public enum InfrastructureMode
{
    /// <summary>The real products in containers; what users get with Docker or Podman, and what is published.</summary>
    Containers,

    /// <summary>Local processes standing in for them, for machines without a container engine.</summary>
    Local,
}
