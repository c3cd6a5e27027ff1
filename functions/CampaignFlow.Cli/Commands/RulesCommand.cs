using System.CommandLine;
using System.Globalization;
using Azure.Storage.Blobs;
using CampaignFlow.Classification;
using CampaignFlow.Cli.Local;
using CampaignFlow.Tuning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using CampaignFlow.Azure.Published;

namespace CampaignFlow.Cli.Commands;

/// <summary>
/// <c>campaignflow rules publish|list|rollback|status</c>: the classifier's rule set in blob storage, where the running
/// app hot-reloads it. Every published version is kept; the active one is a copy of one of them.
/// </summary>
public static class RulesCommand
{
    public static Command Create()
    {
        var file = new Argument<string?>("FILE") { Description = "The rule set; default config/rules.json in the repository", Arity = ArgumentArity.ZeroOrOne };
        var publish = Storage(new Command("publish", "Validate a rule set, show what it changes on the labeled corpus, then publish it: the app uses it within Classification__RefreshSeconds, no redeploy") { file });
        publish.SetAction((parse, ct) => PublishAsync(parse, parse.GetValue(file), ct));

        var list = Storage(new Command("list", "The published versions, newest first, and which one is active"));
        list.SetAction((parse, ct) => ListAsync(parse, ct));

        var version = new Argument<string>("VERSION") { Description = "A published version (see rules list)" };
        var rollback = Storage(new Command("rollback", "Make an earlier published version active again: the app uses it within Classification__RefreshSeconds") { version });
        rollback.SetAction((parse, ct) => RollbackAsync(parse, parse.GetValue(version)!, ct));

        var status = Storage(new Command("status", "The active rule set: its version, where it came from, and whether it is valid (exit 1 if not)"));
        status.SetAction(async (parse, ct) => await StatusAsync(parse, ct));

        return new Command("rules", "The classifier's rule set in blob storage: publish, list, rollback, status") { publish, list, rollback, status };
    }

    private static async Task<int> PublishAsync(ParseResult parse, string? file, CancellationToken ct)
    {
        var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        var (path, shown) = RulesFile(file);
        if (!File.Exists(path))
        {
            await error.WriteLineAsync($"error: no file {path}");
            return 2;
        }
        var json = await File.ReadAllTextAsync(path, ct);
        RuleSet rules;
        CompiledRuleSet candidate;
        try
        {
            rules = RuleSetLoader.Parse(json, shown);
            candidate = CompiledRuleSet.Compile(rules);
        }
        catch (RuleSetValidationException ex)
        {
            Report(output, ex, $"in {shown}: a rule set with a problem is never used");
            await error.WriteLineAsync("nothing published");
            return 1;
        }

        await using var session = await OpenAsync(parse, ct);
        var store = session.Services.GetRequiredService<BlobRuleSetStore>();
        if (await store.ReadVersionAsync(rules.Version, ct) is { } existing)
        {
            return await AlreadyPublishedAsync(store, rules, existing, shown, output, error, ct);
        }
        var active = await store.ReadActiveBlobAsync(ct);
        var (before, label) = Baseline(active);
        RuleSetComparison.Write(output, before, label, candidate, $"{candidate.Version} ({shown})");
        try
        {
            await store.PublishAsync(json, ct);
        }
        catch (InvalidOperationException ex)
        {
            // Why: another publish of the same version can land between the check above and this write.
            await error.WriteLineAsync($"error: {ex.Message}");
            await error.WriteLineAsync("nothing published");
            return 1;
        }
        output.WriteLine($"published {rules.Version} from {shown} to {store.ActiveBlobPath} (kept as {store.HistoryPath(rules.Version)}); the app uses it within {RefreshSeconds(session)} s");
        return 0;
    }

    private static async Task<int> ListAsync(ParseResult parse, CancellationToken ct)
    {
        var output = parse.InvocationConfiguration.Output;
        await using var session = await OpenAsync(parse, ct);
        var store = session.Services.GetRequiredService<BlobRuleSetStore>();
        var versions = await store.ListAsync(ct);
        var active = await store.ReadActiveBlobAsync(ct);
        if (versions.Count > 0)
        {
            TextTable.Write(output, ["version", "published (UTC)", "active"], versions.Select(v => (IReadOnlyList<string>)[v.Version, Time(v.PublishedOn), v.Version == active?.Version ? "active" : ""]));
        }
        if (active is null)
        {
            output.WriteLine($"{(versions.Count == 0 ? "nothing published" : "none is active")}: the app uses the built-in rule set {RuleSetLoader.LoadDefault().Version}");
        }
        else if (!versions.Any(v => v.Version == active.Version))
        {
            output.WriteLine($"active: {active.Version ?? "an unreadable rule set"}, which is not in the history (written to {store.ActiveBlobPath} by other means than rules publish)");
        }
        return 0;
    }

    private static async Task<int> RollbackAsync(ParseResult parse, string target, CancellationToken ct)
    {
        var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        await using var session = await OpenAsync(parse, ct);
        var store = session.Services.GetRequiredService<BlobRuleSetStore>();
        if (await store.ReadVersionAsync(target, ct) is not { } json)
        {
            var known = (await store.ListAsync(ct)).Select(v => v.Version).ToList();
            await error.WriteLineAsync($"error: no version {target} in the history; published: {(known.Count == 0 ? "none" : string.Join(", ", known))}");
            await error.WriteLineAsync("nothing changed");
            return 1;
        }
        var active = await store.ReadActiveBlobAsync(ct);
        if (active?.Json == json)
        {
            output.WriteLine($"{target} is already active; nothing changed");
            return 0;
        }
        try
        {
            await store.RollbackAsync(target, ct);
        }
        catch (RuleSetValidationException ex)
        {
            // Why: validation can have become stricter since the version was published; the app would refuse it too.
            Report(output, ex, $"in {store.HistoryPath(target)}: the app would refuse it");
            await error.WriteLineAsync("nothing changed");
            return 1;
        }
        output.WriteLine($"{target} is active again (was {active?.Version ?? $"the built-in {RuleSetLoader.LoadDefault().Version}"}); the app uses it within {RefreshSeconds(session)} s");
        return 0;
    }

    private static async Task<int> AlreadyPublishedAsync(BlobRuleSetStore store, RuleSet rules, string existing, string shown, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (Same(existing, rules))
        {
            // Why: the deploy step publishes config/rules.json every time; an unchanged file is not an error, and a
            // deliberate rollback is never undone by it.
            var active = await store.ReadActiveBlobAsync(ct);
            output.WriteLine(active?.Json == existing
                ? $"{rules.Version} is already published and active; nothing to do"
                : $"{rules.Version} is already published, unchanged, but the active rule set is {active?.Version ?? "the built-in one"}; nothing published (rules rollback {rules.Version} makes it active)");
            return 0;
        }
        var taken = (await store.ListAsync(ct)).Select(v => v.Version).ToHashSet(StringComparer.Ordinal);
        await error.WriteLineAsync($"error: version {rules.Version} is already published with other rules ({store.HistoryPath(rules.Version)}), and a published version never changes: bump \"version\" in {shown} (e.g. to \"{RuleSetVersions.Free(rules.Version, taken)}\") and publish again");
        await error.WriteLineAsync("nothing published");
        return 1;
    }

    private static async Task<int> StatusAsync(ParseResult parse, CancellationToken ct)
    {
        var output = parse.InvocationConfiguration.Output;
        await using var session = await OpenAsync(parse, ct);
        var store = session.Services.GetRequiredService<BlobRuleSetStore>();
        var active = await store.ReadActiveBlobAsync(ct);
        var versions = await store.ListAsync(ct);
        var exit = 0;
        if (active is null)
        {
            Line(output, "active", $"{RuleSetLoader.LoadDefault().Version}, built into the app (nothing published: no {store.ActiveBlobPath})");
            Line(output, "valid", "yes");
        }
        else
        {
            Line(output, "active", active.Version ?? "(no version can be read)");
            var how = active.Activation switch
            {
                RuleSetActivation.Publish => "published",
                RuleSetActivation.Rollback => "rolled back",
                _ => "written",
            };
            var copy = active.Version is { } v && await store.ReadVersionAsync(v, ct) == active.Json
                ? $"a copy of {store.HistoryPath(v)}"
                : "not a published version: written by other means than rules publish";
            Line(output, "from", $"{store.ActiveBlobPath}, {how} {Time(active.ActivatedOn)}, {copy}");
            try
            {
                RuleSetLoader.Compile(active.Json, store.ActiveBlobPath);
                Line(output, "valid", $"yes: the app classifies with it (it checks for a change every {RefreshSeconds(session)} s)");
            }
            catch (RuleSetValidationException ex)
            {
                Line(output, "valid", $"no: the app refuses it and keeps the rule set it had (after a restart, the built-in {RuleSetLoader.LoadDefault().Version}); publish a valid version or roll back");
                foreach (var problem in ex.Errors)
                {
                    output.WriteLine($"  {problem}");
                }
                exit = 1;
            }
        }
        Line(output, "history", versions.Count == 0 ? "none" : $"{versions.Count} version{(versions.Count == 1 ? "" : "s")}, newest {versions[0].Version} ({Time(versions[0].PublishedOn)})");
        var options = session.Services.GetRequiredService<IOptions<ClassificationOptions>>().Value;
        var container = session.Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(options.ContainerName);
        if (await container.GetBlobClient("rules.json").ExistsAsync(ct))
        {
            // Why: an earlier runbook uploaded config/rules.json by hand; the app never read that blob.
            Line(output, "note", $"{options.ContainerName}/rules.json is not read by the app (an older deploy step uploaded it); delete it");
        }
        return exit;
    }

    /// <summary>What the app classifies with now: the active blob when it is valid, else the built-in set.</summary>
    private static (CompiledRuleSet Rules, string Label) Baseline(ActiveRuleSetBlob? active)
    {
        if (active is not null)
        {
            try
            {
                var rules = RuleSetLoader.Compile(active.Json, "active");
                return (rules, $"{rules.Version} (active)");
            }
            catch (RuleSetValidationException)
            {
                // The app refuses an invalid active blob; the built-in set is what it falls back to.
            }
        }
        var builtIn = RuleSetLoader.LoadDefault();
        return (builtIn, $"{builtIn.Version} (built-in)");
    }

    private static bool Same(string publishedJson, RuleSet rules)
    {
        try
        {
            return RuleSetLoader.SameRules(RuleSetLoader.Parse(publishedJson), rules);
        }
        catch (RuleSetValidationException)
        {
            return false;
        }
    }

    private static void Report(TextWriter output, RuleSetValidationException ex, string where)
    {
        foreach (var problem in ex.Errors)
        {
            output.WriteLine(problem);
        }
        output.WriteLine($"{ex.Errors.Count} problem{(ex.Errors.Count == 1 ? "" : "s")} {where}");
    }

    /// <summary>The file, and how to show it: as the user typed it, else relative to the working directory.</summary>
    private static (string Path, string Shown) RulesFile(string? given)
    {
        if (given is not null)
        {
            return (Path.GetFullPath(given), given);
        }
        var path = Path.Combine(RepositoryRoot.Find(), "config", "rules.json");
        return (path, Path.GetRelativePath(Environment.CurrentDirectory, path));
    }

    private static Command Storage(Command command) => command.WithStorageOptions();

    private static Task<StorageSession> OpenAsync(ParseResult parse, CancellationToken ct) => StorageOptionsCli.OpenAsync(parse, ct);

    private static int RefreshSeconds(StorageSession session) =>
        session.Services.GetRequiredService<IOptions<ClassificationOptions>>().Value.RefreshSeconds;

    private static void Line(TextWriter output, string label, string value) => output.WriteLine($"{label + ":",-9} {value}");

    private static string Time(DateTimeOffset when) => when.ToUniversalTime().ToString("u", CultureInfo.InvariantCulture);
}
