using System.Globalization;
using CampaignFlow.Classification;
using CsvHelper;

namespace CampaignFlow.Subscribers;

/// <summary>
/// Imports subscribers from CSV (RFC 4180, header row): <c>email,name,language,topics,regions,cadence,consent</c>.
/// <c>email</c> and <c>consent</c> are required; topics and regions are separated by <c>;</c> or <c>|</c>; cadence is
/// <c>instant</c> (default) or <c>daily</c>. Consent is either an ISO date (when it was given) or a short description
/// of how. Topics and regions must be ones the active rule set assigns (a typo would filter out every story). Bad
/// rows are reported by line and change nothing; good rows are kept. Someone who unsubscribed or was suppressed is
/// never re-activated by an import.
/// </summary>
public sealed class SubscriberCsvImporter(ISubscriberStore store, IRuleSetProvider rules, TimeProvider clock)
{
    private static readonly string[] Required = ["email", "consent"];

    public async Task<ImportReport> ImportAsync(TextReader csv, string source, CancellationToken cancellationToken = default)
    {
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            TrackLineNumbers = true,
            TrimWhitespace = true,
            // Field values are addresses: never in an exception message.
            IncludeValuesInExceptions = false,
        };
        using var reader = CsvReader.Create(csv, options, true);
        var header = reader.Headers.Select(h => h.Trim().ToLowerInvariant()).ToList();
        if (header.Count == 0)
        {
            return new ImportReport(0, [], [new ImportProblem(1, "the file is empty: a header row is required")]);
        }
        var missing = Required.Where(r => !header.Contains(r)).ToList();
        if (missing.Count > 0)
        {
            return new ImportReport(0, [], [new ImportProblem(1, $"the header has no {string.Join(" or ", missing)} column")]);
        }
        await rules.ReadyAsync(cancellationToken);
        var taxonomy = rules.Current.Taxonomy;
        var good = new Dictionary<string, Subscriber>();
        List<ImportProblem> skipped = [], rejected = [];
        while (await reader.ReadAsync(cancellationToken))
        {
            var line = (int)reader.LineNumber;
            var field = (string name) => header.IndexOf(name) is var i and >= 0 && i < reader.FieldCount ? reader.GetString(i).Trim() : "";
            var (subscriber, error) = Parse(field, source, taxonomy);
            if (subscriber is null)
            {
                rejected.Add(new ImportProblem(line, error!));
                continue;
            }
            var existing = good.GetValueOrDefault(subscriber.Id) ?? await store.GetAsync(subscriber.Id, cancellationToken);
            if (existing?.Status is SubscriberStatus.Unsubscribed or SubscriberStatus.Suppressed)
            {
                skipped.Add(new ImportProblem(line, $"already {existing.Status.ToString().ToLowerInvariant()}: not re-activated"));
                continue;
            }
            good[subscriber.Id] = subscriber;
        }
        await store.UpsertManyAsync(good.Values, cancellationToken);
        return new ImportReport(good.Count, skipped, rejected);
    }

    private (Subscriber? Subscriber, string? Error) Parse(Func<string, string> field, string source, RuleSetTaxonomy taxonomy)
    {
        if (!EmailAddress.TryNormalize(field("email"), out var email))
        {
            return (null, "email is not a valid address");
        }
        var consent = field("consent");
        if (consent.Length == 0 || consent.ToLowerInvariant() is "no" or "false" or "0" or "n")
        {
            return (null, "consent is missing: every row needs a record of consent");
        }
        var language = field("language");
        if (language.Length > 0 && !Languages.IsSupported(language))
        {
            return (null, $"language must be one of {string.Join(", ", Languages.Supported)}");
        }
        Cadence cadence;
        switch (field("cadence").ToLowerInvariant())
        {
            case "" or "instant":
                cadence = Cadence.Instant;
                break;
            case "daily" or "digest" or "dailydigest" or "daily digest":
                cadence = Cadence.DailyDigest;
                break;
            default:
                return (null, "cadence must be instant or daily");
        }
        var (topics, regions) = (List(field("topics")), List(field("regions")));
        if ((SubscriberChoices.Unknown("topic", topics, taxonomy.Topics) ?? SubscriberChoices.Unknown("region", regions, taxonomy.Regions)) is { } unknown)
        {
            return (null, unknown);
        }
        var at = DateTimeOffset.TryParse(consent, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when) ? when : clock.GetUtcNow();
        var name = field("name");
        return (Subscriber.Create(email) with
        {
            Name = name.Length == 0 ? null : name,
            Language = Languages.Normalize(language),
            Topics = topics,
            Regions = regions,
            Cadence = cadence,
            Status = SubscriberStatus.Active,
            ConsentAt = at,
            ConsentSource = $"import of {source}: {consent}",
        }, null);
    }

    private static string[] List(string value) =>
        value.Split([';', '|', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => v.ToLowerInvariant()).Distinct().ToArray();
}
