using CampaignFlow.Tuning;
using CampaignFlow.Web.Pages.Staff.Rules;
using Microsoft.AspNetCore.Http;

namespace CampaignFlow.Web.Staff.Rules;

/// <summary>
/// The console's rules side under <c>/staff/rules</c>: the form editor and the raw JSON view, the live preview (a full
/// page, or with <c>?panel=1</c> only the live region the script swaps in), suggested terms, publish, the history and
/// rollback. <see cref="StaffConsole"/> has checked sign-in, role and anti-forgery before any handler here runs.
/// </summary>
public sealed class RulesModule(RuleEditing editing) : IStaffModule
{
    public IEnumerable<StaffNavItem> Navigation => [new("Rules", "rules", 50)];

    public void Map(StaffRouteTable routes) => routes
        .Get("rules", (r, ct) => EditorAsync(r, json: false, ct))
        .Get("rules/json", (r, ct) => EditorAsync(r, json: true, ct))
        .Post("rules/preview", PreviewAsync)
        .Post("rules/suggest", SuggestAsync)
        .Post("rules/publish", PublishAsync)
        .Get("rules/history", HistoryAsync)
        .Post("rules/rollback/{version}", RollbackAsync);

    private async Task<IResult> EditorAsync(StaffRequest request, bool json, CancellationToken cancellationToken) =>
        Editor(request, await editing.OpenAsync(cancellationToken), json);

    private async Task<IResult> PreviewAsync(StaffRequest request, CancellationToken cancellationToken)
    {
        var view = await editing.PreviewAsync(await editing.ReadAsync(request.Form!, cancellationToken), cancellationToken);
        if (request.Query("panel") == "1")
        {
            return StaffResult.Page<LivePanel>(new { View = view });
        }
        return Editor(request, view, IsJson(request));
    }

    private async Task<IResult> SuggestAsync(StaffRequest request, CancellationToken cancellationToken) =>
        Editor(request, await editing.SuggestAsync(await editing.ReadAsync(request.Form!, cancellationToken), cancellationToken), IsJson(request));

    private async Task<IResult> PublishAsync(StaffRequest request, CancellationToken cancellationToken)
    {
        var (view, outcome) = await editing.PublishAsync(await editing.ReadAsync(request.Form!, cancellationToken), request.Staff.Name, cancellationToken);
        if (outcome.Version is { } version)
        {
            return StaffResult.SeeOther("/staff/rules/history?done=published&version=" + Uri.EscapeDataString(version));
        }
        return Editor(request, view, IsJson(request), outcome.Conflict is not null ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity);
    }

    private async Task<IResult> HistoryAsync(StaffRequest request, CancellationToken cancellationToken)
    {
        var version = request.Query("version");
        var notice = request.Query("done") switch
        {
            "published" => $"Published {version}. The pipeline classifies with it from its next check (within a minute); nothing to deploy.",
            "rolledback" => $"{version} is active again. The pipeline classifies with it from its next check (within a minute).",
            _ => null,
        };
        return StaffResult.Page<RuleHistoryPage>(new { Context = request.Context, History = await editing.HistoryAsync(cancellationToken), Actions = await editing.ActionsAsync(cancellationToken), Notice = notice });
    }

    private async Task<IResult> RollbackAsync(StaffRequest request, CancellationToken cancellationToken)
    {
        var version = request.Value("version");
        var outcome = await editing.RollbackAsync(version, request.Staff.Name, request.Field("etag"), cancellationToken);
        if (outcome.Succeeded)
        {
            return StaffResult.SeeOther("/staff/rules/history?done=rolledback&version=" + Uri.EscapeDataString(version));
        }
        var error = outcome.Conflict ?? string.Join("; ", outcome.Problems.Select(p => p.Message));
        return StaffResult.Page<RuleHistoryPage>(new { Context = request.Context, History = await editing.HistoryAsync(cancellationToken), Actions = await editing.ActionsAsync(cancellationToken), Error = "Nothing changed: " + error },
            outcome.Conflict is not null ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity);
    }

    private static StaffResult Editor(StaffRequest request, RuleEditorView view, bool json, int? status = null) =>
        StaffResult.Page<RuleEditorPage>(new { Context = request.Context, View = view, Json = json },
            status ?? (view.Problems.Count > 0 ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK));

    private static bool IsJson(StaffRequest request) => request.Field("mode") == "json";
}
