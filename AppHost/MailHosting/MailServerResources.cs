namespace NotificationAspire.AppHost.MailHosting;

/// <summary>What a mail sink offers its consumers: SMTP for sending, HTTP for the web UI and its REST API.</summary>
public interface IMailServerResource : IResourceWithConnectionString, IResourceWithEndpoints
{
    public const string SmtpEndpointName = "smtp";
    public const string HttpEndpointName = "http";

    EndpointReference SmtpEndpoint => new(this, SmtpEndpointName);

    ReferenceExpression IResourceWithConnectionString.ConnectionStringExpression =>
        ReferenceExpression.Create($"Endpoint=smtp://{SmtpEndpoint.Property(EndpointProperty.HostAndPort)}");
}

/// <summary>smtp4dev in a container.</summary>
public sealed class Smtp4devContainerResource(string name) : ContainerResource(name), IMailServerResource;

/// <summary>smtp4dev run as the repository's dotnet local tool (through a small script), for machines without a container engine.</summary>
public sealed class Smtp4devToolResource(string name, string workingDirectory)
    : ExecutableResource(name, "bash", workingDirectory), IMailServerResource;
