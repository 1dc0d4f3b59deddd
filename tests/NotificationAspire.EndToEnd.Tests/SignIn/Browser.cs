using System.Net;
using System.Text.RegularExpressions;

namespace NotificationAspire.EndToEnd.Tests.SignIn;

/// <summary>
/// What a browser does, over plain HTTP: keeps cookies (per host, not per port, as browsers do), follows
/// redirects, fills in and submits the forms it is shown. No script, like the pages it visits.
/// </summary>
public sealed partial class Browser : IDisposable
{
    private readonly HttpClient _http;

    public Browser(PlatformFixture platform)
    {
        Gateway = platform.App.GetEndpoint(Contracts.ResourceNames.Gateway, "http");
        _http = new HttpClient(new SocketsHttpHandler { CookieContainer = Cookies, AllowAutoRedirect = true, MaxAutomaticRedirections = 10 })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public CookieContainer Cookies { get; } = new();

    public Uri Gateway { get; }

    /// <summary>Opens a page (following redirects) and returns where it ended up and what it says.</summary>
    public async Task<Page> OpenAsync(string pathOrUrl) => await PageAsync(await _http.GetAsync(Resolve(pathOrUrl)));

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, bool csrfHeader = true, HttpContent? content = null,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, Resolve(path)) { Content = content };
        if (csrfHeader)
        {
            request.Headers.Add("X-CSRF", "1");
        }
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return await _http.SendAsync(request);
    }

    /// <summary>Submits the page's form (the first one unless an id is given) with these fields set or added.</summary>
    public async Task<Page> SubmitAsync(Page page, IReadOnlyDictionary<string, string> fields, string? formId = null)
    {
        var form = page.Form(formId);
        var values = new Dictionary<string, string>(form.Hidden, StringComparer.Ordinal);
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }
        return await PageAsync(await _http.PostAsync(new Uri(page.Url, form.Action ?? page.Url.ToString()), new FormUrlEncodedContent(values)));
    }

    /// <summary>Signs in at the gateway: /bff/login, the identity provider's login page, back to the gateway's home page.</summary>
    public async Task<Page> SignInAsync(string username, string password, string returnUrl = "/")
    {
        var login = await OpenAsync($"/bff/login?returnUrl={Uri.EscapeDataString(returnUrl)}");
        Assert.True(login.HasLoginForm, $"expected the login page, got {login.Url}: {login.Html}");
        return await SubmitAsync(login, new Dictionary<string, string> { ["username"] = username, ["password"] = password });
    }

    /// <summary>The gateway's session cookie as the browser holds it (to replay it later, as a thief would).</summary>
    public string SessionCookieHeader() => Cookies.GetCookieHeader(Gateway);

    // Not Uri.TryCreate(..., Absolute): on Linux "/bff/login" is an absolute file: URI.
    private Uri Resolve(string pathOrUrl) => pathOrUrl.StartsWith('/') ? new Uri(Gateway, pathOrUrl) : new Uri(pathOrUrl);

    private static async Task<Page> PageAsync(HttpResponseMessage response)
    {
        using (response)
        {
            return new Page(response.StatusCode, response.RequestMessage!.RequestUri!, await response.Content.ReadAsStringAsync());
        }
    }

    public void Dispose() => _http.Dispose();

    public sealed partial record Page(HttpStatusCode Status, Uri Url, string Html)
    {
        public bool HasLoginForm => Html.Contains("name=\"password\"", StringComparison.Ordinal);

        /// <summary>The text of the element with this id (its inner HTML, decoded).</summary>
        public string? Text(string id) =>
            Regex.Match(Html, $"id=\"{Regex.Escape(id)}\"[^>]*>(?<text>[^<]*)<") is { Success: true } match
                ? WebUtility.HtmlDecode(match.Groups["text"].Value)
                : null;

        public (string? Action, Dictionary<string, string> Hidden) Form(string? id)
        {
            var forms = FormPattern().Matches(Html).Where(f => id is null || f.Value.Contains($"id=\"{id}\"", StringComparison.Ordinal)).ToList();
            Assert.True(forms.Count > 0, $"no form{(id is null ? "" : $" '{id}'")} on {Url}: {Html}");
            var form = forms[0].Value;
            var action = ActionPattern().Match(form) is { Success: true } a ? WebUtility.HtmlDecode(a.Groups["action"].Value) : null;
            var hidden = HiddenPattern().Matches(form).ToDictionary(
                m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value), StringComparer.Ordinal);
            return (action, hidden);
        }

        [GeneratedRegex("<form[^>]*>.*?</form>", RegexOptions.Singleline)]
        private static partial Regex FormPattern();

        [GeneratedRegex("^<form[^>]*action=\"(?<action>[^\"]*)\"")]
        private static partial Regex ActionPattern();

        [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]*)\" value=\"(?<value>[^\"]*)\">")]
        private static partial Regex HiddenPattern();
    }
}
