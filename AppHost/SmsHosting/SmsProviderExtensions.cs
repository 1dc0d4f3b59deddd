using NotificationAspire.Contracts;

namespace NotificationAspire.AppHost.SmsHosting;

/// <summary>The SMS providers' accounts: secret parameters, generated on first run and kept in user secrets, Secrets when deployed.</summary>
public sealed class SmsAccounts(IDistributedApplicationBuilder builder)
{
    public IResourceBuilder<ParameterResource> TwilioAccountSid { get; } = Secret(builder, "twilio-account-sid");
    public IResourceBuilder<ParameterResource> TwilioAuthToken { get; } = Secret(builder, "twilio-auth-token");
    public IResourceBuilder<ParameterResource> VonageApiKey { get; } = Secret(builder, "vonage-api-key");
    public IResourceBuilder<ParameterResource> VonageApiSecret { get; } = Secret(builder, "vonage-api-secret");

    private static IResourceBuilder<ParameterResource> Secret(IDistributedApplicationBuilder builder, string name) =>
        builder.AddParameter(name, new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
}

/// <summary>
/// SMS: run (F5, tests, either infrastructure mode), the worker's Twilio and Vonage clients talk to the
/// `sms-carrier` stand-in, which checks the same credentials and keeps what it received; deployed, they talk to
/// the real APIs (their default base URLs) with the operator's credentials, and no stand-in is published.
/// </summary>
public static class SmsProviderExtensions
{
    public static IResourceBuilder<ProjectResource>? AddSmsCarrier(this IDistributedApplicationBuilder builder, SmsAccounts accounts)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            return null;
        }
        // Its launch profile fixes the port on a developer's machine (http://localhost:5192/api/messages); tests randomize it.
        return builder.AddProject<Projects.SmsCarrier>(ResourceNames.SmsCarrier)
            .WithHttpHealthCheck("/health")
            .WithEnvironment("Carrier__TwilioAccountSid", accounts.TwilioAccountSid)
            .WithEnvironment("Carrier__TwilioAuthToken", accounts.TwilioAuthToken)
            .WithEnvironment("Carrier__VonageApiKey", accounts.VonageApiKey)
            .WithEnvironment("Carrier__VonageApiSecret", accounts.VonageApiSecret);
    }

    public static IResourceBuilder<ProjectResource> WithSmsProviders(this IResourceBuilder<ProjectResource> worker, SmsAccounts accounts,
        IResourceBuilder<ProjectResource>? carrier)
    {
        worker.WithEnvironment("Sms__Twilio__AccountSid", accounts.TwilioAccountSid)
            .WithEnvironment("Sms__Twilio__AuthToken", accounts.TwilioAuthToken)
            .WithEnvironment("Sms__Vonage__ApiKey", accounts.VonageApiKey)
            .WithEnvironment("Sms__Vonage__ApiSecret", accounts.VonageApiSecret);
        if (carrier is null)
        {
            return worker;
        }
        var endpoint = carrier.GetEndpoint("http");
        return worker.WithEnvironment("Sms__Twilio__BaseUrl", endpoint)
            .WithEnvironment("Sms__Vonage__BaseUrl", endpoint)
            .WaitFor(carrier);
    }
}
