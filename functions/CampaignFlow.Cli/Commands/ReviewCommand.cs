using CampaignFlow.Cli.Local;
using CampaignFlow.Classification;
using System.CommandLine;
using System.Globalization;
using CampaignFlow.Stories;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignFlow.Cli.Commands;

/// <summary><c>campaignflow review list|approve ID|reject ID</c>: the stories the classifier held for a person.</summary>
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
        var command = new Command("review", "The review band: approve (alert goes out) or reject held stories") { state, LocalCommand.AccountOption(), list };
        command.Subcommands.Add(Decide(state, "approve", "Approve a held story: its alert goes to the subscribers", (r, id, ct) => r.ApproveAsync(id, ct)));
        command.Subcommands.Add(Decide(state, "reject", "Reject a held story: nothing is sent", (r, id, ct) => r.RejectAsync(id, ct)));
        return command;
    }

    private static Command Decide(Option<string?> state, string name, string description, Func<StoryReview, string, CancellationToken, Task<bool>> decide)
    {
        var id = new Argument<string>("STORY_ID");
        var corpus = new Option<string?>("--corpus") { Description = "Labeled corpus the decision is added to; default config/corpus/stories.jsonl (the default evaluation set)" };
        var command = new Command(name, description) { id, corpus };
        command.SetAction((parse, ct) => LocalCommand.RunAsync(parse, state, async sp =>
        {
            var storyId = parse.GetValue(id)!;
            var done = await decide(sp.GetRequiredService<StoryReview>(), storyId, ct);
            Console.WriteLine(done ? $"{name}d" : "not held for review (unknown id, not in the review band, or decided otherwise)");
            if (done && await sp.GetRequiredService<IStoryLedger>().GetClassifiedAsync(storyId, ct) is { } decided)
            {
                var path = Path.GetFullPath(parse.GetValue(corpus) ?? Path.Combine(RepositoryRoot.Find(), "config", "corpus", "stories.jsonl"));
                LabeledCorpus.Append(path, StoryReview.LabeledExample(decided, name == "approve"));
                Console.WriteLine($"added as a labeled example to {path} (classify evaluate measures rule sets on it)");
            }
            return done ? 0 : 1;
        }, ct));
        return command;
    }
}
