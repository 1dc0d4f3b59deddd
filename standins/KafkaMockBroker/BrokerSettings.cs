using System.Globalization;
using System.Text.RegularExpressions;

namespace NotificationAspire.Standins.KafkaMockBroker;

/// <summary>A topic to create in the mock cluster before the broker announces readiness.</summary>
public sealed record TopicSpec(string Name, int Partitions);

/// <summary>Raised for missing or malformed configuration; Program turns it into exit code 2.</summary>
public sealed class ConfigurationException(string message) : Exception(message);

/// <summary>
/// The environment contract between the AppHost and this process.
/// </summary>
/// <remarks>
/// The listen port and the advertised address are separate because Aspire puts its own
/// TCP proxy in front of the resource: clients reach the proxy, so Metadata responses must
/// name the proxy's address, while this process listens on the port the proxy forwards to.
/// </remarks>
public sealed partial record BrokerSettings(
    int ListenPort,
    string AdvertisedHost,
    int AdvertisedPort,
    IReadOnlyList<TopicSpec> Topics)
{
    public const string ListenPortVariable = "KAFKA_BROKER_PORT";
    public const string AdvertisedHostVariable = "KAFKA_ADVERTISED_HOST";
    public const string AdvertisedPortVariable = "KAFKA_ADVERTISED_PORT";
    public const string TopicsVariable = "KAFKA_TOPICS";

    public static BrokerSettings FromEnvironment() =>
        Parse(Environment.GetEnvironmentVariable);

    /// <summary>Parses settings from a variable lookup (a function so tests need no real environment).</summary>
    public static BrokerSettings Parse(Func<string, string?> lookup)
    {
        var listenRaw = lookup(ListenPortVariable);
        if (string.IsNullOrWhiteSpace(listenRaw))
        {
            throw new ConfigurationException($"{ListenPortVariable} is required (the TCP port to listen on).");
        }

        var listenPort = ParsePort(ListenPortVariable, listenRaw);

        var hostRaw = lookup(AdvertisedHostVariable);
        var advertisedHost = string.IsNullOrWhiteSpace(hostRaw) ? "localhost" : hostRaw.Trim();

        var advertisedRaw = lookup(AdvertisedPortVariable);
        var advertisedPort = string.IsNullOrWhiteSpace(advertisedRaw)
            ? listenPort
            : ParsePort(AdvertisedPortVariable, advertisedRaw);

        return new BrokerSettings(listenPort, advertisedHost, advertisedPort, ParseTopics(lookup(TopicsVariable)));
    }

    private static int ParsePort(string variable, string raw)
    {
        if (!int.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            throw new ConfigurationException($"{variable}='{raw}' is not a TCP port (1-65535).");
        }

        return port;
    }

    /// <summary>Parses "name:partitions,name:partitions"; empty entries (a trailing comma) are ignored.</summary>
    public static IReadOnlyList<TopicSpec> ParseTopics(string? raw)
    {
        var topics = new List<TopicSpec>();
        if (string.IsNullOrWhiteSpace(raw))
        {
            return topics;
        }

        foreach (var entry in raw.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = entry.Split(':', StringSplitOptions.TrimEntries);
            if (parts.Length != 2)
            {
                throw new ConfigurationException(
                    $"{TopicsVariable} entry '{entry}' must be 'name:partitions', e.g. 'notification-requests:4'.");
            }

            var name = parts[0];
            // Kafka's own rule; the mock would accept anything, real brokers and clients would not.
            if (name.Length is 0 or > 249 || name is "." or ".." || !TopicNameRegex().IsMatch(name))
            {
                throw new ConfigurationException(
                    $"{TopicsVariable} entry '{entry}': '{name}' is not a legal Kafka topic name ([a-zA-Z0-9._-], at most 249 characters).");
            }

            if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var partitions)
                || partitions < 1)
            {
                throw new ConfigurationException(
                    $"{TopicsVariable} entry '{entry}': partition count '{parts[1]}' must be a positive integer.");
            }

            if (topics.Any(t => t.Name == name))
            {
                throw new ConfigurationException($"{TopicsVariable} lists topic '{name}' more than once.");
            }

            topics.Add(new TopicSpec(name, partitions));
        }

        return topics;
    }

    [GeneratedRegex("^[a-zA-Z0-9._-]+$")]
    private static partial Regex TopicNameRegex();
}
