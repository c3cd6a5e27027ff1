using CampaignFlow.Cli.Local;
using CampaignFlow.Classification;
using System.CommandLine;
using System.Globalization;
using CampaignFlow.Stories;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignFlow.Cli.Commands;

/// <summary>
/// <c>campaignflow review list|approve ID|reject ID|export --to FILE</c>: the stories the classifier held for a person.
/// Decisions are kept as staff decisions under the state folder; only <c>export</c> writes into a corpus file.
/// </summary>
public static class ReviewCommand
{
    public static Command Create()
    {
        var state = LocalCommand.StateOption();
        var list = new Command("list", "Stories held for review");
        list.SetAction((parse, ct) => LocalCommand.RunAsync(parse, state, async sp =>
        {
            var rows = new List<IReadOnlyList<string>>();
            await foreach (var s in sp.GetRequiredService<StoryReview>().ListAsync(ct))
            {
                rows.Add([s.Story.Id, s.Verdict.Score.ToString("0.00", CultureInfo.InvariantCulture), s.Story.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", s.Story.Title]);
            }
            TextTable.Write(Console.Out, ["id", "score", "published", "title"], rows);
            return 0;
        }, ct));
        var command = new Command("review", "The review band: approve (alert goes out) or reject held stories") { state, list };
        command.Subcommands.Add(Decide(state, "approve", "Approve a held story: its alert goes to the subscribers", (r, id, ct) => r.ApproveAsync(id, ct)));
        command.Subcommands.Add(Decide(state, "reject", "Reject a held story: nothing is sent", (r, id, ct) => r.RejectAsync(id, ct)));
        command.Subcommands.Add(Export(state));
        return command;
    }

    private static Command Decide(Option<string?> state, string name, string description, Func<StoryReview, string, CancellationToken, Task<bool>> decide)
    {
        var id = new Argument<string>("STORY_ID");
        var corpus = new Option<string?>("--corpus") { Description = "Also add the decision to this labeled corpus file (default: only the staff decisions under the state folder; see review export)" };
        var command = new Command(name, description) { id, corpus };
        command.SetAction((parse, ct) => LocalCommand.RunAsync(parse, state, async sp =>
        {
            var storyId = parse.GetValue(id)!;
            var done = await decide(sp.GetRequiredService<StoryReview>(), storyId, ct);
            Console.WriteLine(done ? (name == "approve" ? "approved" : "rejected") : "not held for review (unknown id, not in the review band, or decided otherwise)");
            if (done && await sp.GetRequiredService<IStoryLedger>().GetClassifiedAsync(storyId, ct) is { } decided)
            {
                var example = StoryReview.LabeledExample(decided, name == "approve");
                var decisions = new StaffDecisionFile(StorageSession.StateDirectory(parse.GetValue(state)));
                decisions.Save(example);
                Console.WriteLine($"recorded as a staff decision in {decisions.Path} (review export --to FILE adds it to a corpus)");
                if (parse.GetValue(corpus) is { } path)
                {
                    LabeledCorpus.Append(Path.GetFullPath(path), example);
                    Console.WriteLine($"added as a labeled example to {Path.GetFullPath(path)}");
                }
            }
            return done ? 0 : 1;
        }, ct));
        return command;
    }

    private static Command Export(Option<string?> state)
    {
        var to = new Option<string>("--to") { Description = "The labeled corpus file (JSON lines) the staff decisions are added to, e.g. config/corpus/stories.jsonl", Required = true };
        var command = new Command("export", "Add the staff decisions recorded under the state folder to a labeled corpus file (those already in it by id are skipped)") { to };
        command.SetAction(parse =>
        {
            var decisions = new StaffDecisionFile(StorageSession.StateDirectory(parse.GetValue(state)));
            var target = Path.GetFullPath(parse.GetValue(to)!);
            try
            {
                var (exported, skipped) = decisions.ExportTo(target);
                Console.WriteLine($"exported {exported} staff decisions to {target} ({skipped} already there)");
                return 0;
            }
            catch (Exception ex) when (ex is InvalidDataException or ArgumentException or IOException)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return 2;
            }
        });
        return command;
    }
}
