using CampaignFlow.Staff;
using CampaignFlow.Subscribers;

namespace CampaignFlow.Web.Staff.Subscribers;

/// <summary>
/// The subscribers page's use cases: counts, one person by exact address (record, consent, history), export, forget,
/// CSV import. Forget and import are written to the staff action log with who and when — never with an address.
/// </summary>
public sealed class SubscriberDirectory(ISubscriberStore store, SubscriberAdmin admin, SubscriberCsvImporter importer, IStaffActionLog log, TimeProvider clock)
{
    public const string Subject = "subscribers";
    /// <summary>"All" for a subscriber who chose no topic (or region): they get everything.</summary>
    public const string Everything = "(all)";

    public async Task<SubscriberCounts> CountAsync(CancellationToken cancellationToken = default)
    {
        int total = 0;
        Dictionary<string, int> status = [], topics = [], regions = [], languages = [], cadence = [];
        await foreach (var s in store.ListAllAsync(cancellationToken))
        {
            total++;
            Add(status, s.Status.ToString());
            if (s.Status != SubscriberStatus.Active)
            {
                continue;
            }
            foreach (var topic in s.Topics.Count == 0 ? [Everything] : s.Topics)
            {
                Add(topics, topic);
            }
            foreach (var region in s.Regions.Count == 0 ? [Everything] : s.Regions)
            {
                Add(regions, region);
            }
            Add(languages, s.Language);
            Add(cadence, s.Cadence.ToString());
        }
        return new SubscriberCounts(total, status, topics, regions, languages, cadence);
    }

    /// <summary>Everything held on the person with exactly this address; null when the address is not valid or not on the list.</summary>
    public Task<SubscriberRecord?> FindAsync(string? address, CancellationToken cancellationToken = default) =>
        EmailAddress.TryNormalize(address, out var email) ? admin.ExportAsync(email, cancellationToken) : Task.FromResult<SubscriberRecord?>(null);

    public async Task<SubscriberRecord?> ExportAsync(string? address, string who, CancellationToken cancellationToken = default)
    {
        var record = await FindAsync(address, cancellationToken);
        if (record is not null)
        {
            await log.RecordAsync(new StaffAction(who, clock.GetUtcNow(), "export", Subject, "exported everything held on one person"), cancellationToken);
        }
        return record;
    }

    /// <summary>Erases the person; the number of rows erased, or null when not on the list.</summary>
    public async Task<int?> ForgetAsync(string? address, string who, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(address, cancellationToken) is not { } record)
        {
            return null;
        }
        var rows = await admin.ForgetAsync(record.Subscriber.Email, cancellationToken);
        await log.RecordAsync(new StaffAction(who, clock.GetUtcNow(), "forget", Subject, $"erased one person ({rows} rows)"), cancellationToken);
        return rows;
    }

    public async Task<ImportReport> ImportAsync(TextReader csv, string fileName, string who, CancellationToken cancellationToken = default)
    {
        var report = await importer.ImportAsync(csv, fileName, cancellationToken);
        await log.RecordAsync(new StaffAction(who, clock.GetUtcNow(), "import", Subject,
            $"imported {report.Imported}, skipped {report.Skipped.Count}, refused {report.Rejected.Count}"), cancellationToken);
        return report;
    }

    public async Task<IReadOnlyList<StaffAction>> ActionsAsync(CancellationToken cancellationToken = default)
    {
        var actions = new List<StaffAction>();
        await foreach (var action in log.ListAsync(Subject, cancellationToken))
        {
            actions.Add(action);
            if (actions.Count == 20)
            {
                break;
            }
        }
        return actions;
    }

    private static void Add(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
}
