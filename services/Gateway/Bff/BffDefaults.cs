namespace Gateway.Bff;

/// <summary>Names the browser sign-in (backend-for-frontend) parts of the gateway share.</summary>
public static class BffDefaults
{
    /// <summary>The browser's session: a cookie naming a server-side ticket that holds the tokens.</summary>
    public const string CookieScheme = "bff-session";

    /// <summary>Sign-in and sign-out at the identity provider: authorization code with PKCE.</summary>
    public const string OpenIdConnectScheme = "bff-oidc";

    /// <summary>The default scheme: a bearer token if the request has one, else the session cookie.</summary>
    public const string SelectorScheme = "bearer-or-session";

    /// <summary>The anti-CSRF header cookie-authenticated API calls must carry (a cross-site form cannot send it).</summary>
    public const string CsrfHeader = "X-CSRF";

    public const string CsrfHeaderValue = "1";

    public const string LoginPath = "/bff/login";
    public const string LogoutPath = "/bff/logout";
    public const string UserPath = "/bff/user";
    public const string CallbackPath = "/bff/signin-oidc";
    public const string SignedOutCallbackPath = "/bff/signout-callback-oidc";
    public const string HomePath = "/";

    /// <summary>Where the API routes live; only these get the session's access token (and need the CSRF header).</summary>
    public const string ApiPathPrefix = "/api";
}

/// <summary>Authorization policies of the browser endpoints (every endpoint names one).</summary>
public static class BffPolicies
{
    /// <summary>A live browser session (the cookie scheme, whatever the request's Authorization header says).</summary>
    public const string Session = "browser-session";

    /// <summary>Anyone: starting a sign-in and the gateway's home page, which says whether you are signed in.</summary>
    public const string SignIn = "browser-sign-in";
}
