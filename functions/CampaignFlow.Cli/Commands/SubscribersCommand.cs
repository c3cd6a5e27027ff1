using System.CommandLine;
using System.Text.Json;
using CampaignFlow.Subscribers;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignFlow.Cli.Commands;

/// <summary><c>campaignflow subscribers import|add|list|remove|revoke-links|export|forget|stats</c> against the local state or a storage account.</summary>
public static class SubscribersCommand
{
    /// <summary>Shared by every subcommand (recursive), like the runbook commands' <c>--account</c>.</summary>
    private static readonly Option<string?> Account = LocalCommand.AccountOption();
    private static readonly JsonSerializerOptions Json = new(SubscriberJson.Options) { WriteIndented = true };

    public static Command Create()
    {
        var state = LocalCommand.StateOption();
        var command = new Command("subscribers", "Manage the subscriber list (local state, or an Azure storage account with --account)") { state, Account };
        command.Subcommands.Add(Import(state));
        command.Subcommands.Add(Add(state));
        command.Subcommands.Add(List(state));
        command.Subcommands.Add(ByAddress(state, "revoke-links", "Revoke every unsubscribe and preferences link sent to a person so far (their next mail has new ones)", async (sp, address, output) =>
        {
            var revoked = await sp.GetRequiredService<SubscriberAdmin>().RevokeLinksAsync(address);
            output.WriteLine(revoked ? "revoked: links sent before no longer work" : "not on the list");
            return revoked ? 0 : 1;
        }));
        command.Subcommands.Add(ByAddress(state, "remove", "Unsubscribe a person (kept as unsubscribed so no import re-adds them)", async (sp, address, output) =>
        {
            var removed = await sp.GetRequiredService<SubscriberAdmin>().RemoveAsync(address);
            output.WriteLine(removed ? "removed (status unsubscribed)" : "not on the list");
            return removed ? 0 : 1;
        }));
        command.Subcommands.Add(ByAddress(state, "export", "Everything held on one person, as JSON", async (sp, address, output) =>
        {
            var record = await sp.GetRequiredService<SubscriberAdmin>().ExportAsync(address);
            output.WriteLine(record is null ? "{}" : JsonSerializer.Serialize(record, Json));
            return record is null ? 1 : 0;
        }));
        command.Subcommands.Add(ByAddress(state, "forget", "Erase a person: their subscriber row and delivery ledger rows", async (sp, address, output) =>
        {
            var rows = await sp.GetRequiredService<SubscriberAdmin>().ForgetAsync(address);
            output.WriteLine($"erased {rows} rows");
            return 0;
        }));
        command.Subcommands.Add(Stats(state));
        return command;
    }

    private static Command Import(Option<string?> state)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "CSV with a header: email,name,language,topics,regions,cadence,consent (email and consent required)" };
        var import = new Command("import", "Import subscribers from CSV; bad rows are reported by line, good rows kept") { file };
        import.SetAction((parse, ct) => LocalCommand.RunAsync(parse, state, Account, async sp =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                throw new ArgumentException($"{path.FullName} does not exist");
            }
            using var reader = path.OpenText();
            var report = await sp.GetRequiredService<SubscriberCsvImporter>().ImportAsync(reader, path.Name, ct);
            Console.WriteLine($"imported {report.Imported}, skipped {report.Skipped.Count}, rejected {report.Rejected.Count}");
            foreach (var problem in report.Skipped.Concat(report.Rejected).OrderBy(p => p.Line))
            {
                Console.WriteLine($"  line {problem.Line}: {problem.Reason}");
            }
            return report.Rejected.Count == 0 ? 0 : 1;
        }, ct));
        return import;
    }

    private static Command Add(Option<string?> state)
    {
        var address = new Argument<string>("ADDRESS");
        var consent = new Option<string>("--consent") { Description = "How and when the person agreed (required)", Required = true };
        var name = new Option<string?>("--name");
        var language = new Option<string?>("--language") { Description = "en, no, fr or es" };
        var topics = new Option<string[]>("--topic") { Description = "Repeatable; none means all", Arity = ArgumentArity.ZeroOrMore };
        var regions = new Option<string[]>("--region") { Description = "Repeatable; none means all", Arity = ArgumentArity.ZeroOrMore };
        var daily = new Option<bool>("--daily") { Description = "Daily digest instead of instant alerts" };
        var add = new Command("add", "Add an active subscriber with a record of consent") { address, consent, name, language, topics, regions, daily };
        add.SetAction((parse, ct) => LocalCommand.RunAsync(parse, state, Account, async sp =>
        {
            var subscriber = await sp.GetRequiredService<SubscriberAdmin>().AddAsync(
                parse.GetValue(address)!, parse.GetValue(consent)!, parse.GetValue(name), parse.GetValue(language),
                parse.GetValue(topics), parse.GetValue(regions), parse.GetValue(daily) ? Cadence.DailyDigest : Cadence.Instant, ct);
            Console.WriteLine($"added {subscriber.Id}");
            return 0;
        }, ct));
        return add;
    }

    private static Command List(Option<string?> state)
    {
        var list = new Command("list", "List every subscriber");
        list.SetAction((parse, ct) => LocalCommand.RunAsync(parse, state, Account, async sp =>
        {
            var rows = new List<IReadOnlyList<string>>();
            await foreach (var s in sp.GetRequiredService<ISubscriberStore>().ListAllAsync(ct))
            {
                rows.Add([s.Email, s.Status.ToString(), s.Cadence.ToString(), s.Language, string.Join(';', s.Topics), string.Join(';', s.Regions)]);
            }
            TextTable.Write(Console.Out, ["email", "status", "cadence", "language", "topics", "regions"], rows.OrderBy(r => r[0], StringComparer.Ordinal));
            return 0;
        }, ct));
        return list;
    }

    private static Command Stats(Option<string?> state)
    {
        var stats = new Command("stats", "Counts by status, cadence and language");
        stats.SetAction((parse, ct) => LocalCommand.RunAsync(parse, state, Account, async sp =>
        {
            var s = await sp.GetRequiredService<SubscriberAdmin>().StatsAsync(ct);
            var rows = new List<IReadOnlyList<string>> { new[] { "total", "", s.Total.ToString() } };
            foreach (var (group, counts) in new[] { ("status", s.ByStatus), ("cadence", s.ByCadence), ("language", s.ByLanguage) })
            {
                rows.AddRange(counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => (IReadOnlyList<string>)[group, c.Key, c.Value.ToString()]));
            }
            TextTable.Write(Console.Out, ["group", "value", "count"], rows);
            return 0;
        }, ct));
        return stats;
    }

    private static Command ByAddress(Option<string?> state, string name, string description, Func<IServiceProvider, string, TextWriter, Task<int>> work)
    {
        var address = new Argument<string>("ADDRESS");
        var command = new Command(name, description) { address };
        command.SetAction((parse, ct) => LocalCommand.RunAsync(parse, state, Account, sp => work(sp, parse.GetValue(address)!, Console.Out), ct));
        return command;
    }
}
