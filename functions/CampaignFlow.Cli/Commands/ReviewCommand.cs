using CampaignFlow.Cli.Local;
using CampaignFlow.Classification;
using System.CommandLine;
using System.Globalization;
using CampaignFlow.Staff;
using CampaignFlow.Stories;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignFlow.Cli.Commands;

/// <summary>
/// <c>campaignflow review list|approve ID|reject ID|send ID [--account NAME]</c>: the stories the classifier held for a
/// person, and the ones it missed — the same decisions as the staff console (recorded with who and when, added to the
/// staff-decisions corpus in storage, written to the action log), on the local state or on Azure.
/// </summary>
public static class ReviewCommand
{
    public static Command Create()
    {
        var state = LocalCommand.StateOption();
        var account = LocalCommand.AccountOption();
        var list = new Command("list", "Stories held for review");
        list.SetAction((parse, ct) => LocalCommand.RunAsync(parse, state, account, async sp =>
        {
            var rows = new List<IReadOnlyList<string>>();
            await foreach (var s in sp.GetRequiredService<StoryReview>().ListAsync(ct))
            {
                rows.Add([s.Story.Id, s.Verdict.Score.ToString("0.00", CultureInfo.InvariantCulture), s.Story.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", s.Story.Title]);
            }
            TextTable.Write(Console.Out, ["id", "score", "published", "title"], rows);
            return 0;
        }, ct));
        var command = new Command("review", "The review band: approve (alert goes out) or reject held stories; send a story the classifier missed") { state, account, list };
        command.Subcommands.Add(Decide(state, account, "approve", "Approve a held story: its alert goes to the subscribers", ClassificationDecision.Hold));
        command.Subcommands.Add(Decide(state, account, "reject", "Reject a story (held or sent): nothing more is sent; it counts as a negative example", null));
        command.Subcommands.Add(Decide(state, account, "send", "Send a story the classifier dropped: its alert goes out through the normal fan-out, once", ClassificationDecision.Drop));
        command.Subcommands.Add(Export(state, account));
        return command;
    }

    /// <summary>Staff decisions live in storage (where the console and this command record them); this brings them into a corpus file.</summary>
    private static Command Export(Option<string?> state, Option<string?> account)
    {
        var to = new Option<string>("--to") { Description = "The labeled corpus file (JSON lines) the staff decisions are added to, e.g. config/corpus/stories.jsonl", Required = true };
        var command = new Command("export", "Add the staff decisions recorded in storage to a labeled corpus file (those already in it by id are skipped)") { to };
        command.SetAction((parse, ct) => LocalCommand.RunAsync(parse, state, account, async sp =>
        {
            var target = Path.GetFullPath(parse.GetValue(to)!);
            var present = File.Exists(target) ? LabeledCorpus.ReadFile(target).Select(s => s.Id).ToHashSet(StringComparer.Ordinal) : [];
            var (exported, skipped) = (0, 0);
            await foreach (var example in sp.GetRequiredService<IStaffDecisionCorpus>().ListAsync(ct))
            {
                if (!present.Add(example.Id))
                {
                    skipped++;
                    continue;
                }
                LabeledCorpus.Append(target, example);
                exported++;
            }
            Console.WriteLine($"exported {exported} staff decisions to {target} ({skipped} already there)");
            return 0;
        }, ct));
        return command;
    }

    private static Command Decide(Option<string?> state, Option<string?> account, string name, string description, ClassificationDecision? only)
    {
        var id = new Argument<string>("STORY_ID");
        var corpus = new Option<string?>("--corpus") { Description = "Also append the labeled example to this JSONL file (the decision is always kept in storage with the staff decisions)" };
        var command = new Command(name, description) { id, corpus };
        command.SetAction((parse, ct) => LocalCommand.RunAsync(parse, state, account, async sp =>
        {
            var storyId = parse.GetValue(id)!;
            var entry = await sp.GetRequiredService<IStoryArchive>().GetAsync(storyId, ct);
            if (entry?.Verdict is null || (only is { } wanted && entry.Verdict.Decision != wanted))
            {
                Console.WriteLine(entry?.Verdict is null ? "no classified story has this id" : $"not {(only == ClassificationDecision.Hold ? "held for review" : "dropped by the classifier")}: the classifier said {entry.Verdict.Decision}");
                return 1;
            }
            var who = "cli:" + (Environment.UserName is { Length: > 0 } user ? user : "staff");
            var decisions = sp.GetRequiredService<StaffStoryDecisions>();
            var result = name == "reject" ? await decisions.RejectAsync(storyId, who, ct) : await decisions.SendAsync(storyId, who, ct);
            Console.WriteLine(result switch
            {
                StaffDecisionResult.Recorded => name == "reject" ? "rejected" : "approved: the alert is on its way",
                StaffDecisionResult.AlreadyDecided => "already decided so (nothing is sent twice)",
                StaffDecisionResult.AlreadySent => "the classifier sent it already",
                _ => "decided otherwise before; nothing changed",
            });
            if (result == StaffDecisionResult.Recorded && parse.GetValue(corpus) is { } path)
            {
                LabeledCorpus.Append(Path.GetFullPath(path), StoryReview.LabeledExample(new ClassifiedStory(entry.Story, entry.Verdict), name != "reject"));
                Console.WriteLine($"added as a labeled example to {Path.GetFullPath(path)}");
            }
            return result is StaffDecisionResult.Recorded or StaffDecisionResult.AlreadyDecided ? 0 : 1;
        }, ct));
        return command;
    }
}
