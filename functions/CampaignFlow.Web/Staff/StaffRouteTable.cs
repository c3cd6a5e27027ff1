using Microsoft.AspNetCore.Http;

namespace CampaignFlow.Web.Staff;

/// <summary>
/// The console's routes below <c>/staff</c>: templates like <c>stories/{id}/approve</c>, literal segments matched
/// case-insensitively, <c>{name}</c> matching one non-empty segment. GET routes answer HEAD too.
/// </summary>
public sealed class StaffRouteTable
{
    public delegate Task<IResult> Handler(StaffRequest request, CancellationToken cancellationToken);

    private readonly List<(string Method, string[] Template, Handler Handler)> _routes = [];

    public StaffRouteTable Get(string template, Handler handler) => Add(HttpMethods.Get, template, handler);

    public StaffRouteTable Post(string template, Handler handler) => Add(HttpMethods.Post, template, handler);

    /// <summary>The handler and route values for a method and path; <paramref name="pathExists"/> says whether another method would match.</summary>
    public (Handler Handler, Dictionary<string, string> Values)? Match(string method, string path, out bool pathExists)
    {
        pathExists = false;
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var wanted = HttpMethods.IsHead(method) ? HttpMethods.Get : method;
        foreach (var (routeMethod, template, handler) in _routes)
        {
            if (TryMatch(template, segments) is not { } values)
            {
                continue;
            }
            pathExists = true;
            if (HttpMethods.Equals(routeMethod, wanted))
            {
                return (handler, values);
            }
        }
        return null;
    }

    private StaffRouteTable Add(string method, string template, Handler handler)
    {
        _routes.Add((method, template.Split('/', StringSplitOptions.RemoveEmptyEntries), handler));
        return this;
    }

    private static Dictionary<string, string>? TryMatch(string[] template, string[] segments)
    {
        if (template.Length != segments.Length)
        {
            return null;
        }
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] is ['{', .. var name, '}'])
            {
                values[name] = Uri.UnescapeDataString(segments[i]);
            }
            else if (!string.Equals(template[i], segments[i], StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
        }
        return values;
    }
}
