using System.Text.Json;
using System.Text.Json.Serialization;
using CampaignFlow.Web.Pages.Staff;
using Microsoft.AspNetCore.Http;

namespace CampaignFlow.Web.Staff.Subscribers;

/// <summary>
/// The subscribers page: counts, one person found by exact address (posted, so it never sits in a URL or a log),
/// export and forget, CSV import with the line report. No page lists addresses.
/// </summary>
public sealed class SubscribersModule(SubscriberDirectory directory) : IStaffModule
{
    /// <summary>A CSV larger than this is refused unread (the form says so).</summary>
    public const long MaxImportBytes = 5 * 1024 * 1024;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    public IEnumerable<StaffNavItem> Navigation => [new("Subscribers", "subscribers", 50)];

    public void Map(StaffRouteTable routes) => routes
        .Get("subscribers", (r, ct) => PageAsync(r, new SubscribersView(), ct))
        .Post("subscribers/find", FindAsync)
        .Post("subscribers/export", ExportAsync)
        .Post("subscribers/forget", ForgetAsync)
        .Post("subscribers/import", ImportAsync);

    private async Task<IResult> PageAsync(StaffRequest request, SubscribersView view, CancellationToken cancellationToken, int status = StatusCodes.Status200OK)
    {
        view = view with { Counts = await directory.CountAsync(cancellationToken), Actions = await directory.ActionsAsync(cancellationToken) };
        return StaffResult.Page<SubscribersPage>(new { Context = request.Context, View = view }, status);
    }

    private async Task<IResult> FindAsync(StaffRequest request, CancellationToken cancellationToken)
    {
        var address = request.Field("email");
        var record = await directory.FindAsync(address, cancellationToken);
        return await PageAsync(request, new SubscribersView { Address = address, Found = record, Searched = true }, cancellationToken,
            record is null ? StatusCodes.Status404NotFound : StatusCodes.Status200OK);
    }

    private async Task<IResult> ExportAsync(StaffRequest request, CancellationToken cancellationToken)
    {
        if (await directory.ExportAsync(request.Field("email"), request.Staff.Name, cancellationToken) is not { } record)
        {
            return await PageAsync(request, new SubscribersView { Address = request.Field("email"), Searched = true }, cancellationToken, StatusCodes.Status404NotFound);
        }
        request.Http.HttpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"subscriber-{record.Subscriber.Id}.json\"";
        return Results.Text(JsonSerializer.Serialize(record, Json), "application/json");
    }

    private async Task<IResult> ForgetAsync(StaffRequest request, CancellationToken cancellationToken)
    {
        if (request.Field("confirm") != "yes")
        {
            var record = await directory.FindAsync(request.Field("email"), cancellationToken);
            return await PageAsync(request, new SubscribersView { Address = request.Field("email"), Found = record, Searched = true, Error = "Tick the box to confirm: erasing cannot be undone." }, cancellationToken, StatusCodes.Status400BadRequest);
        }
        var rows = await directory.ForgetAsync(request.Field("email"), request.Staff.Name, cancellationToken);
        return await PageAsync(request, new SubscribersView
        {
            Notice = rows is null ? "Nobody with that address is on the list; nothing was erased." : $"Erased: the person and {rows} row(s) about them are gone.",
        }, cancellationToken);
    }

    private async Task<IResult> ImportAsync(StaffRequest request, CancellationToken cancellationToken)
    {
        var file = request.Form?.Files.GetFile("file");
        if (file is null || file.Length == 0 || file.Length > MaxImportBytes)
        {
            return await PageAsync(request, new SubscribersView { ImportError = "Choose a CSV file (up to 5 MB) to import." }, cancellationToken, StatusCodes.Status400BadRequest);
        }
        using var reader = new StreamReader(file.OpenReadStream());
        var report = await directory.ImportAsync(reader, Path.GetFileName(file.FileName), request.Staff.Name, cancellationToken);
        return await PageAsync(request, new SubscribersView { Import = report, ImportFile = Path.GetFileName(file.FileName) }, cancellationToken);
    }
}
