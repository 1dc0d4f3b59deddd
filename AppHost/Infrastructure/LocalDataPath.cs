using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace NotificationAspire.AppHost.Infrastructure;

/// <summary>
/// Where local-mode stand-ins keep their data between runs (the local equivalent of container volumes).
/// Outside the repository and the user's home: PostgreSQL runs as the `postgres` user when started by root,
/// and that user must be able to reach the folder.
/// </summary>
public static class LocalDataPath
{
    public const string ConfigurationKey = "Infrastructure:LocalDataPath";

    public static string For(IDistributedApplicationBuilder builder, string resourceName)
    {
        var root = builder.Configuration[ConfigurationKey];
        if (string.IsNullOrWhiteSpace(root))
        {
            // One folder per checkout, so two clones on one machine keep their data apart.
            var checkout = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(builder.AppHostDirectory)))[..12];
            root = Path.Combine(Path.GetTempPath(), "notificationaspire", checkout.ToLowerInvariant());
        }
        return Path.Combine(root, resourceName);
    }
}
