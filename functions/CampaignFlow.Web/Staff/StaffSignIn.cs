using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using CampaignFlow.Delivery;
using CampaignFlow.Staff;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CampaignFlow.Web.Staff;

/// <summary>
/// Who is asking, on every staff route, and the anti-forgery token of their session. In Azure (<c>EasyAuth</c>) the
/// platform's principal header, only when the platform says authentication is on; locally (<c>LocalLink</c>) a session
/// cookie signed with the app's token key (<see cref="TokenService"/>, so every instance accepts it; ASP.NET Core's data
/// protection would need a shared key ring on Flex Consumption), set by a one-time sign-in link.
/// </summary>
public sealed class StaffSignIn(IOptions<StaffOptions> options, IConfiguration configuration, TokenService tokens, IStaffSignInLinks links, TimeProvider clock)
{
    public const string CookieName = "cf_staff";
    public const string CsrfField = "csrf";
    public const string CsrfHeader = "X-CSRF-Token";
    private const string SessionPurpose = "staff-session";
    private const string CsrfPurpose = "staff-csrf";

    public StaffOptions Options => options.Value;

    /// <summary>Whether the app may trust the platform's principal header: EasyAuth chosen and on.</summary>
    public bool UsesEasyAuth => Options.SignIn == StaffOptions.EasyAuth
        && string.Equals(configuration["WEBSITE_AUTH_ENABLED"], "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The signed-in staff member; <paramref name="signedIn"/> says whether someone without the role is signed in (403, not 401).</summary>
    public StaffPrincipal? Authenticate(HttpRequest request, out bool signedIn)
    {
        signedIn = false;
        if (UsesEasyAuth)
        {
            return EasyAuthPrincipal.Read(request.Headers[EasyAuthPrincipal.Header], Options.Role, out signedIn);
        }
        if (Options.SignIn != StaffOptions.LocalLink || request.Cookies[CookieName] is not { Length: > 0 and < 2000 } cookie)
        {
            return null;
        }
        var subject = tokens.Validate(SessionPurpose, cookie);
        if (subject is null)
        {
            return null;
        }
        signedIn = true;
        var who = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(subject.Split('~')[0]));
        return new StaffPrincipal(who, "cookie:" + cookie);
    }

    /// <summary>A one-time link for <paramref name="who"/> (local sign-in only): <c>{consoleUrl}/signin?code=…</c>.</summary>
    public async Task<string> IssueLinkAsync(string consoleUrl, string who, CancellationToken cancellationToken = default)
    {
        var code = await links.IssueAsync(who, clock.GetUtcNow() + Options.LinkLifetime, cancellationToken);
        return $"{consoleUrl.TrimEnd('/')}/signin?code={Uri.EscapeDataString(code)}";
    }

    /// <summary>Redeems a one-time code and sets the session cookie; false when the code is unknown, used or expired.</summary>
    public async Task<bool> RedeemAsync(HttpContext context, string? code, CancellationToken cancellationToken = default)
    {
        if (Options.SignIn != StaffOptions.LocalLink || await links.RedeemAsync(code, cancellationToken) is not { } who)
        {
            return false;
        }
        // A random part keeps two sessions of one person apart (and their anti-forgery tokens).
        var subject = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(who)) + "~" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        var session = tokens.Create(SessionPurpose, subject, Options.SessionLifetime);
        context.Response.Cookies.Append(CookieName, session, Cookie(context.Request, Options.SessionLifetime));
        return true;
    }

    public static void SignOut(HttpContext context) =>
        context.Response.Cookies.Delete(CookieName, Cookie(context.Request, TimeSpan.Zero));

    /// <summary>The anti-forgery token of this session: a signed hash of the session, so it cannot be made without it.</summary>
    public string CsrfToken(StaffPrincipal staff) => tokens.Create(CsrfPurpose, SessionHash(staff), Options.SessionLifetime);

    /// <summary>Whether <paramref name="token"/> is this session's anti-forgery token.</summary>
    public bool CheckCsrf(StaffPrincipal staff, string? token) =>
        token is { Length: < 1000 } && tokens.Validate(CsrfPurpose, token) is { } subject
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(subject), Encoding.ASCII.GetBytes(SessionHash(staff)));

    private static string SessionHash(StaffPrincipal staff) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(staff.Session)));

    private static CookieOptions Cookie(HttpRequest request, TimeSpan lifetime) => new()
    {
        HttpOnly = true,
        Secure = request.IsHttps,
        SameSite = SameSiteMode.Strict,
        Path = "/staff",
        MaxAge = lifetime,
        IsEssential = true,
    };
}
