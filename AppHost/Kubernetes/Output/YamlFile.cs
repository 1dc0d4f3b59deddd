using YamlDotNet.Serialization;

namespace NotificationAspire.AppHost.Kubernetes.Output;

/// <summary>Objects as YAML documents, strings quoted wherever YAML would read them as something else ("true", "8080").</summary>
public static class YamlFile
{
    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithQuotingNecessaryStrings()
        .DisableAliases()
        .Build();

    public static string Documents(IEnumerable<Fields> documents) =>
        string.Join("---\n", documents.Select(d => Serializer.Serialize(d)));

    public static string Document(object document) => Serializer.Serialize(document);
}
