namespace NotificationAspire.Contracts;

/// <summary>
/// The port each service serves readiness and metrics on, apart from its traffic: the orchestrator and the
/// scraper reach it, callers never do (it is never external).
/// </summary>
public static class ManagementEndpoint
{
    public const string Name = "management";

    /// <summary>The variable the AppHost sets to the port the service listens on for it.</summary>
    public const string PortVariable = "MANAGEMENT_PORT";
}
