namespace Delivery.Worker.Providers.Sms;

/// <summary>A provider answered in a way another provider, or a later attempt, may not (5xx, 429, bad credentials).</summary>
public sealed class ProviderHttpException(string provider, int status, string detail)
    : Exception($"{provider} answered HTTP {status}: {detail}")
{
    public int Status => status;
}
