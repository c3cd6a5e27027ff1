using CampaignFlow.Web.Pages.Staff;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CampaignFlow.Web.Staff;

/// <summary>
/// The one door to every route under <c>/staff</c>, in both hosts (the Functions app's <c>StaffConsole</c> function and
/// the local host's Kestrel map all of <c>/staff/**</c> here). Before any module's handler runs it checks, in order:
/// signed in (else 401, or in Azure a redirect to the Entra ID sign-in), the staff role (else 403), and for a POST the
/// session's anti-forgery token and the browser's Origin (else 403). Nothing of a story, rule or subscriber is read
/// before these pass.
/// </summary>
public sealed class StaffConsole
{
    public const string BasePath = "/staff";
    private readonly StaffSignIn _signIn;
    private readonly ILogger<StaffConsole> _logger;
    private readonly StaffRouteTable _routes = new();
    private readonly IReadOnlyList<StaffNavItem> _navigation;

    public StaffConsole(StaffSignIn signIn, IEnumerable<IStaffModule> modules, ILogger<StaffConsole> logger)
    {
        (_signIn, _logger) = (signIn, logger);
        var all = modules.ToList();
        all.ForEach(m => m.Map(_routes));
        _navigation = [.. all.SelectMany(m => m.Navigation).OrderBy(n => n.Order)];
    }

    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        var path = SubPath(request.Path.Value);
        if (path is null)
        {
            return new StaffResult(Results.NotFound());
        }
        if (path.Equals("signin", StringComparison.OrdinalIgnoreCase) && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
        {
            return await SignInAsync(request, cancellationToken);
        }
        var staff = _signIn.Authenticate(request, out var signedIn);
        if (staff is null)
        {
            return signedIn ? Refuse(StatusCodes.Status403Forbidden, "Not a staff account", "You are signed in, but your account does not have the staff role. Ask an administrator to assign it.")
                : NotSignedIn(request);
        }
        IFormCollection? form = null;
        if (HttpMethods.IsPost(request.Method))
        {
            // Why: the rules editor's form has over a thousand fields (every term group of every topic); the default limit is 1,024.
            form = request.HasFormContentType ? await request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions { ValueCountLimit = 8192 }, cancellationToken) : null;
            var token = form?[StaffSignIn.CsrfField].FirstOrDefault() ?? request.Headers[StaffSignIn.CsrfHeader].FirstOrDefault();
            if (!_signIn.CheckCsrf(staff, token) || !SameOrigin(request))
            {
                _logger.LogWarning("Staff POST to {Path} refused: missing or wrong anti-forgery token or origin", BasePath + "/" + path);
                return Refuse(StatusCodes.Status403Forbidden, "Request refused", "This form has expired or did not come from the console. Go back, reload the page and try again.");
            }
        }
        var context = new StaffContext(staff, _signIn.CsrfToken(staff), _navigation, "/" + path);
        if (path.Equals("signout", StringComparison.OrdinalIgnoreCase) && form is not null)
        {
            StaffSignIn.SignOut(request.HttpContext);
            return StaffResult.SeeOther(_signIn.UsesEasyAuth ? "/.auth/logout" : BasePath + "/signedout");
        }
        if (_routes.Match(request.Method, path, out var pathExists) is not { } match)
        {
            return pathExists ? new StaffResult(Results.StatusCode(StatusCodes.Status405MethodNotAllowed))
                : Refuse(StatusCodes.Status404NotFound, "Not found", "There is no such page in the console.", context);
        }
        var result = await match.Handler(new StaffRequest(request, context, match.Values, form), cancellationToken);
        return result as StaffResult ?? new StaffResult(result);
    }

    /// <summary>The path below <c>/staff</c> without slashes at either end ("" for the landing page); null when not under it.</summary>
    public static string? SubPath(string? path)
    {
        if (path is null || !path.StartsWith(BasePath, StringComparison.OrdinalIgnoreCase) || (path.Length > BasePath.Length && path[BasePath.Length] != '/'))
        {
            return null;
        }
        return path[BasePath.Length..].Trim('/');
    }

    private async Task<IResult> SignInAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (await _signIn.RedeemAsync(request.HttpContext, request.Query["code"].FirstOrDefault(), cancellationToken))
        {
            _logger.LogInformation("Staff signed in with a one-time link");
            return StaffResult.SeeOther(BasePath + "/");
        }
        return Refuse(StatusCodes.Status403Forbidden, "Sign-in link not valid",
            "This sign-in link has already been used or has expired. Each link signs in once: stop and start ./campaignflow run for a new one.");
    }

    private IResult NotSignedIn(HttpRequest request)
    {
        if (_signIn.UsesEasyAuth && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
        {
            var back = Uri.EscapeDataString(request.Path.Value + request.QueryString.Value);
            return new StaffResult(Results.Redirect("/.auth/login/aad?post_login_redirect_uri=" + back));
        }
        var how = _signIn.Options.SignIn == StaffOptions.LocalLink
            ? "Open the one-time sign-in link that ./campaignflow run printed (\"Staff console: …\")."
            : "Sign in with your organisation account to use the staff console.";
        return Refuse(StatusCodes.Status401Unauthorized, "Sign-in required", how);
    }

    /// <summary>
    /// A browser says where a POST comes from: <c>Sec-Fetch-Site</c> must be same-origin; without it, an <c>Origin</c> must be
    /// this host. Our pages send no referrer, so a browser sends <c>Origin: null</c> on their forms: that, like a missing
    /// header, is left to the anti-forgery token and the SameSite cookie.
    /// </summary>
    private static bool SameOrigin(HttpRequest request)
    {
        if (request.Headers["Sec-Fetch-Site"].FirstOrDefault() is { } site)
        {
            return site == "same-origin";
        }
        var origin = request.Headers.Origin.FirstOrDefault();
        return origin is null or "null"
            || (Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }

    private static StaffResult Refuse(int status, string title, string message, StaffContext? context = null) =>
        StaffResult.Page<StaffMessagePage>(new { Title = title, Message = message, Context = context }, status);
}
