global using Fields = System.Collections.Generic.Dictionary<string, object?>;

namespace NotificationAspire.AppHost.Kubernetes.Objects;

/// <summary>Small constructors for the metadata every object shares.</summary>
public static class Meta
{
    public static Fields Object(string apiVersion, string kind, string name, Fields? labels = null, Fields? annotations = null)
    {
        var metadata = new Fields { ["name"] = name };
        if (labels is not null)
        {
            metadata["labels"] = labels;
        }
        if (annotations is not null)
        {
            metadata["annotations"] = annotations;
        }
        return new Fields { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = metadata };
    }
}
