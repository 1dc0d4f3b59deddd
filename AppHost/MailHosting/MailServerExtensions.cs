using NotificationAspire.AppHost.Infrastructure;

namespace NotificationAspire.AppHost.MailHosting;

/// <summary>
/// The `mail` resource: smtp4dev, a real SMTP server that keeps what it receives and shows it in a web UI
/// (and `GET /api/messages`). A container with an engine, the dotnet tool from `dotnet-tools.json` without.
/// </summary>
public static class MailServerExtensions
{
    private const int MessagesToKeep = 20_000;

    /// <summary>The web UI's port on the developer's machine, fixed so the README can link it (tests randomize ports).</summary>
    public const int WebUiPort = 5190;

    public static IResourceBuilder<IMailServerResource> AddMailServer(
        this IDistributedApplicationBuilder builder, string name, InfrastructureMode mode) => mode switch
    {
        InfrastructureMode.Containers => builder.AddResource(new Smtp4devContainerResource(name))
            .WithImage("rnwood/smtp4dev", "3.15.0")
            .WithImageRegistry("docker.io")
            .WithHttpEndpoint(port: WebUiPort, targetPort: 80, name: IMailServerResource.HttpEndpointName)
            .WithEndpoint(targetPort: 25, name: IMailServerResource.SmtpEndpointName, scheme: "smtp")
            .WithEnvironment("ServerOptions__NumberOfMessagesToKeep", MessagesToKeep.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithHttpHealthCheck("/api/server", endpointName: IMailServerResource.HttpEndpointName)
            .WithPublishedDataVolume(),
        _ => builder.AddSmtp4devTool(name),
    };

    /// <summary>
    /// Published (the dev overlay's mail sink), the image's data folder gets a volume: its non-root user could not
    /// write the image's own folder. A developer's container keeps today's behaviour, a fresh sink per run.
    /// </summary>
    private static IResourceBuilder<Smtp4devContainerResource> WithPublishedDataVolume(this IResourceBuilder<Smtp4devContainerResource> mail) =>
        mail.ApplicationBuilder.ExecutionContext.IsPublishMode ? mail.WithVolume($"{mail.Resource.Name}-data", "/smtp4dev") : mail;

    private static IResourceBuilder<Smtp4devToolResource> AddSmtp4devTool(this IDistributedApplicationBuilder builder, string name)
    {
        // The tool manifest lives at the repository root, one level above the AppHost.
        var repositoryRoot = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));
        var script = Path.Combine(builder.AppHostDirectory, "MailHosting", "smtp4dev-local.sh");
        var mail = builder.AddResource(new Smtp4devToolResource(name, repositoryRoot))
            .WithHttpEndpoint(port: WebUiPort, name: IMailServerResource.HttpEndpointName)
            .WithEndpoint(name: IMailServerResource.SmtpEndpointName, scheme: "smtp")
            .WithHttpHealthCheck("/api/server", endpointName: IMailServerResource.HttpEndpointName);

        var resource = mail.Resource;
        var dataPath = LocalDataPath.For(builder, name);
        Directory.CreateDirectory(dataPath);
        return mail.WithArgs(context =>
        {
            context.Args.Add(script);
            context.Args.Add(ReferenceExpression.Create($"--urls=http://127.0.0.1:{TargetPort(resource, IMailServerResource.HttpEndpointName)}"));
            context.Args.Add(ReferenceExpression.Create($"--smtpport={TargetPort(resource, IMailServerResource.SmtpEndpointName)}"));
            // Loopback only, like every other local resource; nobody reads this sink over IMAP or POP3.
            context.Args.Add("--bindaddress=127.0.0.1");
            context.Args.Add("--imapport=");
            context.Args.Add("--pop3port=");
            // A database in the local data folder: like the container's volume, what arrived survives a restart
            // of the sink. Keep enough messages that a load test can count every one (the default is 100).
            context.Args.Add($"--db={Path.Combine(dataPath, "smtp4dev.db")}");
            context.Args.Add($"--messagestokeep={MessagesToKeep}");
            context.Args.Add($"--sessionstokeep={MessagesToKeep}");
        });
    }

    private static EndpointReferenceExpression TargetPort(IResourceWithEndpoints resource, string endpoint) =>
        new EndpointReference(resource, endpoint).Property(EndpointProperty.TargetPort);
}
