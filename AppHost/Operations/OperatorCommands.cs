using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using NotificationAspire.AppHost.KeycloakHosting;
using NotificationAspire.Contracts;

namespace NotificationAspire.AppHost.Operations;

/// <summary>
/// Operator actions as dashboard commands. They call the platform's own admin API, with a token of the
/// realm's `ops-console` client, exactly as an operator's script would: the dashboard gets no back door.
/// </summary>
public static class OperatorCommands
{
    public static IResourceBuilder<ProjectResource> WithDeadLetterReplayCommand(this IResourceBuilder<ProjectResource> api,
        IResourceBuilder<IResourceWithEndpoints> identity, IResourceBuilder<ParameterResource> opsConsoleSecret) =>
        api.WithHttpCommand("/api/dead-letters/replay", "Replay dead letters", commandName: "replay-dead-letters",
            commandOptions: new HttpCommandOptions
            {
                Method = HttpMethod.Post,
                Description = "Send every dead letter not replayed yet back to the delivery worker (after fixing the cause).",
                ConfirmationMessage = "Replay every dead letter that has not been replayed yet?",
                IconName = "ArrowRepeatAll",
                PrepareRequest = async context =>
                {
                    var token = await OpsConsoleTokenAsync(context.HttpClient, identity, opsConsoleSecret, context.CancellationToken);
                    context.Request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                },
            });

    /// <summary>The read side rebuilt from the events (after a projection bug): inboxes and timelines again, people's marks kept.</summary>
    public static IResourceBuilder<ProjectResource> WithProjectionRebuildCommand(this IResourceBuilder<ProjectResource> api,
        IResourceBuilder<IResourceWithEndpoints> identity, IResourceBuilder<ParameterResource> opsConsoleSecret) =>
        api.WithHttpCommand("/api/inbox/projection/rebuild", "Rebuild inbox projection", commandName: "rebuild-inbox-projection",
            commandOptions: new HttpCommandOptions
            {
                Method = HttpMethod.Post,
                Description = "Empty the inboxes and timelines and project them again from every event the broker keeps; reads and archives stay.",
                ConfirmationMessage = "Rebuild every inbox and timeline from the events?",
                IconName = "ArrowClockwise",
                PrepareRequest = async context =>
                {
                    var token = await OpsConsoleTokenAsync(context.HttpClient, identity, opsConsoleSecret, context.CancellationToken);
                    context.Request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                },
            });

    private static async Task<string> OpsConsoleTokenAsync(HttpClient http, IResourceBuilder<IResourceWithEndpoints> identity,
        IResourceBuilder<ParameterResource> secret, CancellationToken ct)
    {
        var realm = $"{identity.GetEndpoint(IdentityProviderExtensions.HttpEndpointName).Url}/realms/{IdentityRealm.Name}";
        using var response = await http.PostAsync($"{realm}/protocol/openid-connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "ops-console",
            ["client_secret"] = await secret.Resource.GetValueAsync(ct) ?? string.Empty,
        }), ct);
        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        return json.GetProperty("access_token").GetString()!;
    }
}
