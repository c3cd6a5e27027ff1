using CampaignFlow.Staff;
using CampaignFlow.Stories;
using CampaignFlow.Web.Pages.Staff;
using Microsoft.AspNetCore.Http;

namespace CampaignFlow.Web.Staff.Stories;

/// <summary>The console's story side: recent stories (the landing page), each story's trail, and the review decisions.</summary>
public sealed class StoriesModule(RecentStories recent, StoryTrails trails, StaffStoryDecisions decisions, EmailPreviews previews) : IStaffModule
{
    public IEnumerable<StaffNavItem> Navigation => [new("Recent stories", "", 0)];

    public void Map(StaffRouteTable routes) => routes
        .Get("", ListAsync)
        .Get("stories/{id}", TrailAsync)
        .Get("stories/{id}/email", EmailPageAsync)
        .Get("stories/{id}/email/html", EmailHtmlAsync)
        .Post("stories/{id}/approve", (r, ct) => DecideAsync(r, approved: true, ct))
        .Post("stories/{id}/send", (r, ct) => DecideAsync(r, approved: true, ct))
        .Post("stories/{id}/reject", (r, ct) => DecideAsync(r, approved: false, ct));

    private async Task<IResult> ListAsync(StaffRequest request, CancellationToken cancellationToken)
    {
        var view = await recent.ListAsync(StoryFilter.From(request.Query), cancellationToken);
        return StaffResult.Page<RecentStoriesPage>(new { Context = request.Context, View = view, Notice = Notice(request.Query("done")) });
    }

    private async Task<IResult> TrailAsync(StaffRequest request, CancellationToken cancellationToken)
    {
        if (await trails.GetAsync(request.Value("id"), cancellationToken) is not { } trail)
        {
            return StaffResult.Page<StaffMessagePage>(new { Title = "Story not found", Message = "No story has this id.", Context = request.Context }, StatusCodes.Status404NotFound);
        }
        return StaffResult.Page<StoryTrailPage>(new { Context = request.Context, Trail = trail, Notice = Notice(request.Query("done")) });
    }

    private async Task<IResult> EmailPageAsync(StaffRequest request, CancellationToken cancellationToken)
    {
        if (await previews.RenderAsync(request.Value("id"), request.Query("lang"), cancellationToken) is not { } preview)
        {
            return StaffResult.Page<StaffMessagePage>(new { Title = "No email to preview", Message = "No classified story has this id.", Context = request.Context }, StatusCodes.Status404NotFound);
        }
        return StaffResult.Page<EmailPreviewPage>(new { Context = request.Context, Entry = preview.Entry, Email = preview.Email, Language = Language(request) });
    }

    /// <summary>The email's own HTML document, shown in the preview page's frame under <see cref="StaffResult.EmailPolicy"/>.</summary>
    private async Task<IResult> EmailHtmlAsync(StaffRequest request, CancellationToken cancellationToken)
    {
        if (await previews.RenderAsync(request.Value("id"), request.Query("lang"), cancellationToken) is not { } preview)
        {
            return new StaffResult(Results.NotFound());
        }
        return new StaffResult(Results.Content(preview.Email.Html, "text/html; charset=utf-8"), StaffResult.EmailPolicy, framedByConsole: true);
    }

    private static string Language(StaffRequest request) => CampaignFlow.Subscribers.Languages.Normalize(request.Query("lang"));

    private async Task<IResult> DecideAsync(StaffRequest request, bool approved, CancellationToken cancellationToken)
    {
        var id = request.Value("id");
        var result = approved
            ? await decisions.SendAsync(id, request.Staff.Name, cancellationToken)
            : await decisions.RejectAsync(id, request.Staff.Name, cancellationToken);
        if (result == StaffDecisionResult.NotClassified)
        {
            return StaffResult.Page<StaffMessagePage>(new { Title = "Story not found", Message = "No classified story has this id.", Context = request.Context }, StatusCodes.Status404NotFound);
        }
        var back = request.Field("return") == "list" ? "/staff/" : "/staff/stories/" + Uri.EscapeDataString(id);
        return StaffResult.SeeOther(back + "?done=" + result switch
        {
            StaffDecisionResult.Recorded => approved ? "sent" : "rejected",
            StaffDecisionResult.AlreadyDecided => "already",
            StaffDecisionResult.AlreadySent => "alreadysent",
            _ => "otherwise",
        });
    }

    private static string? Notice(string? done) => done switch
    {
        "sent" => "Done: the alert is going out to the subscribers who want it.",
        "rejected" => "Done: recorded as not about the ban.",
        "already" => "This decision had already been made; nothing was sent twice.",
        "alreadysent" => "The classifier had already sent this story.",
        "otherwise" => "Someone had already decided otherwise; nothing changed.",
        _ => null,
    };
}
