using System.Text;

namespace NotificationAspire.AppHost.Kubernetes.Model;

/// <summary>
/// Turns a value of the model (text, endpoint, parameter, connection string, or an expression of them) into what a
/// pod's environment can hold: plain text, a Secret reference, or text that refers to Secret-backed variables.
/// Endpoints become Service DNS names; every endpoint of another workload it meets is recorded as a flow.
/// </summary>
public sealed class ValueTranslator(PortPlan ports, IResource self, ConnectionStringSource connectionStrings)
{
    private readonly List<Flow> flows = [];

    public IReadOnlyList<Flow> Flows => flows;

    /// <summary>The value, or null when it points at an endpoint the cluster does not have (a project's HTTPS port).</summary>
    public EnvValue? Translate(object value)
    {
        var parts = new List<object>();
        try
        {
            Walk(value, parts);
        }
        catch (NotDeployedException)
        {
            return null;
        }
        return Fold(parts);
    }

    private static EnvValue Fold(List<object> parts)
    {
        if (parts is [SecretReference only])
        {
            return new SecretValue(only);
        }
        if (parts.All(p => p is string))
        {
            return new LiteralValue(string.Concat(parts));
        }
        var template = new StringBuilder();
        var secrets = new List<(string, SecretReference)>();
        foreach (var part in parts)
        {
            if (part is SecretReference secret)
            {
                var variable = (secret.IsConfigMap ? "PARAMETER_" : "SECRET_") + new string($"{secret.Name}{(secret.IsConfigMap ? "_" + secret.Key : "")}".Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_').ToArray());
                template.Append("$(").Append(variable).Append(')');
                if (!secrets.Any(s => s.Item1 == variable))
                {
                    secrets.Add((variable, secret));
                }
            }
            else
            {
                // `$(` in plain text would be taken for a variable reference; `$$` is Kubernetes' escape.
                template.Append(((string)part).Replace("$(", "$$(", StringComparison.Ordinal));
            }
        }
        return new ComposedValue(template.ToString(), secrets);
    }

    private void Walk(object value, List<object> parts)
    {
        switch (value)
        {
            case string text:
                parts.Add(text);
                break;
            case ReferenceExpression expression:
                WalkExpression(expression, parts);
                break;
            case EndpointReferenceExpression property:
                parts.Add(Endpoint(property.Endpoint, property.Property));
                break;
            case EndpointReference endpoint:
                parts.Add(Endpoint(endpoint, EndpointProperty.Url));
                break;
            case ParameterResource { Secret: true } parameter:
                parts.Add(new SecretReference(parameter.Name, "value", $"the value of the AppHost parameter '{parameter.Name}'", IsConnectionString: false));
                break;
            case ParameterResource parameter:
                // Not secret, but the cluster's own (a public URL, say): one key of a ConfigMap the operator creates.
                parts.Add(new SecretReference(SecretReference.ParametersConfigMap, parameter.Name,
                    $"the value of the AppHost parameter '{parameter.Name}'", IsConnectionString: false, IsConfigMap: true));
                break;
            case ConnectionStringReference reference:
                ConnectionString(reference.Resource, parts);
                break;
            case IResourceWithConnectionString resource:
                ConnectionString(resource, parts);
                break;
            default:
                throw new NotSupportedException(
                    $"'{self.Name}' has a value of type {value.GetType().Name} the Kubernetes output cannot translate yet.");
        }
    }

    private void ConnectionString(IResourceWithConnectionString resource, List<object> parts)
    {
        if (connectionStrings == ConnectionStringSource.Expanded)
        {
            Walk(resource.ConnectionStringExpression, parts);
            return;
        }
        // Still walked, for the flows it implies; its text stays in the cluster's Secret.
        Walk(resource.ConnectionStringExpression, []);
        parts.Add(new SecretReference($"{resource.Name}-connection-string", "value",
            $"the connection string of '{resource.Name}'", IsConnectionString: true));
    }

    private void WalkExpression(ReferenceExpression expression, List<object> parts)
    {
        if (expression.IsConditional)
        {
            throw new NotSupportedException($"'{self.Name}' has a conditional expression; the Kubernetes output does not translate those yet.");
        }
        var format = expression.Format;
        var literal = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] == '{' && i + 1 < format.Length && format[i + 1] == '{' || format[i] == '}' && i + 1 < format.Length && format[i + 1] == '}')
            {
                literal.Append(format[i++]);
                continue;
            }
            if (format[i] != '{')
            {
                literal.Append(format[i]);
                continue;
            }
            var end = format.IndexOf('}', i);
            var index = int.Parse(format.AsSpan(i + 1, end - i - 1), System.Globalization.CultureInfo.InvariantCulture);
            if (literal.Length > 0)
            {
                parts.Add(literal.ToString());
                literal.Clear();
            }
            var inner = new List<object>();
            Walk(expression.ValueProviders[index], inner);
            if (expression.StringFormats.Count > index && expression.StringFormats[index] is { Length: > 0 } encoding)
            {
                if (inner.Any(p => p is not string))
                {
                    throw new NotSupportedException($"'{self.Name}' {encoding}-encodes a secret; Kubernetes cannot do that when it expands variables.");
                }
                inner = [Uri.EscapeDataString(string.Concat(inner))];
            }
            parts.AddRange(inner);
            i = end;
        }
        if (literal.Length > 0)
        {
            parts.Add(literal.ToString());
        }
    }

    /// <summary>
    /// An endpoint as the pod reaches it: the Service's DNS name, or, where infrastructure is not deployed with the
    /// services (production), one key of the `parameters` ConfigMap the operator fills in (the identity provider's
    /// URL, say): a connection string has its Secret, an address has no other place to come from.
    /// </summary>
    private object Endpoint(EndpointReference endpoint, EndpointProperty property)
    {
        var address = ClusterAddress(endpoint, property);
        if (connectionStrings == ConnectionStringSource.Secrets && endpoint.Resource is not ProjectResource && endpoint.Resource.Name != self.Name)
        {
            var key = $"{endpoint.Resource.Name}-{property.ToString().ToLowerInvariant()}";
            return new SecretReference(SecretReference.ParametersConfigMap, key,
                $"the {property.ToString().ToLowerInvariant()} of '{endpoint.Resource.Name}' as the services reach it (dev runs its own: {address})",
                IsConnectionString: false, IsConfigMap: true);
        }
        return address;
    }

    private string ClusterAddress(EndpointReference endpoint, EndpointProperty property)
    {
        var port = ports.Find(endpoint.Resource, endpoint.EndpointName) ?? throw new NotDeployedException();
        var isSelf = endpoint.Resource.Name == self.Name;
        if (!isSelf)
        {
            // Callers never reach another workload's management port: only probes and the scraper do.
            if (port.IsManagement)
            {
                throw new NotDeployedException();
            }
            if (!flows.Contains(new Flow(endpoint.Resource.Name, port.Name, port.Number)))
            {
                flows.Add(new Flow(endpoint.Resource.Name, port.Name, port.Number));
            }
        }
        var host = isSelf ? "localhost" : endpoint.Resource.Name;
        var scheme = endpoint.Scheme;
        return property switch
        {
            EndpointProperty.Url => $"{scheme}://{host}:{port.Number}",
            EndpointProperty.Host or EndpointProperty.IPV4Host => host,
            EndpointProperty.Port or EndpointProperty.TargetPort => port.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            EndpointProperty.HostAndPort => $"{host}:{port.Number}",
            EndpointProperty.Scheme => scheme,
            _ => throw new NotSupportedException($"Endpoint property {property} of '{endpoint.Resource.Name}' is not translated yet."),
        };
    }

    private sealed class NotDeployedException : Exception;
}

/// <summary>Where a service's connection strings come from in the cluster.</summary>
public enum ConnectionStringSource
{
    /// <summary>A Secret per connection string, provided by whoever runs the database or broker (production).</summary>
    Secrets,

    /// <summary>Built from the infrastructure the overlay itself runs, its passwords from Secrets (dev).</summary>
    Expanded,
}
