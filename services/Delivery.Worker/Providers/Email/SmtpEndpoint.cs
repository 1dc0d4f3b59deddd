using System.Data.Common;
using MailKit.Security;

namespace Delivery.Worker.Providers.Email;

/// <summary>
/// Where the SMTP server is, read from the `mail` connection string the AppHost injects
/// (`Endpoint=smtp://host:port`). `smtp` is plain SMTP (the development sink), `smtps` TLS from the first byte.
/// </summary>
public sealed record SmtpEndpoint(string Host, int Port, SecureSocketOptions Security)
{
    public static SmtpEndpoint Parse(string connectionName, string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{connectionName} is not configured; the AppHost sets it with WithReference(mail), e.g. Endpoint=smtp://localhost:2525.");
        }

        var parts = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!parts.TryGetValue("Endpoint", out var value) || !Uri.TryCreate(value?.ToString(), UriKind.Absolute, out var endpoint))
        {
            throw new InvalidOperationException($"ConnectionStrings:{connectionName} has no Endpoint=smtp://host:port (it is '{connectionString}').");
        }

        return endpoint.Scheme switch
        {
            "smtp" => new SmtpEndpoint(endpoint.Host, endpoint.IsDefaultPort ? 25 : endpoint.Port, SecureSocketOptions.None),
            "smtps" => new SmtpEndpoint(endpoint.Host, endpoint.IsDefaultPort ? 465 : endpoint.Port, SecureSocketOptions.SslOnConnect),
            _ => throw new InvalidOperationException($"ConnectionStrings:{connectionName} uses scheme '{endpoint.Scheme}'; expected smtp or smtps."),
        };
    }
}
