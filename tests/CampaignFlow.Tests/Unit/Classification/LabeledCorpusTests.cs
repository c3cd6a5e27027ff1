using CampaignFlow.Classification;

namespace CampaignFlow.Tests.Unit.Classification;

public sealed class LabeledCorpusTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"corpus-{Guid.NewGuid():N}.jsonl");

    public void Dispose() => File.Delete(path);

    private static LabeledStory Held(string id, bool relevant) => new()
    {
        Id = id,
        Title = "Held story",
        Body = "Cluster munitions were mentioned once.",
        Relevant = relevant,
        Topics = relevant ? ["use-condemnation"] : [],
        Source = relevant ? "staff-approved" : "staff-rejected",
    };

    [Fact]
    public void AppendsAStaffDecisionAsALabeledExample()
    {
        LabeledCorpus.Append(path, Held("h1", true));
        LabeledCorpus.Append(path, Held("h2", false));

        var stories = LabeledCorpus.ReadFile(path);

        Assert.Equal(["h1", "h2"], stories.Select(s => s.Id));
        Assert.True(stories[0].Relevant);
        Assert.Equal("staff-rejected", stories[1].Source);
    }

    [Fact]
    public void RefusesADuplicateIdOrUnknownLabel()
    {
        LabeledCorpus.Append(path, Held("h1", true));

        Assert.Throws<InvalidOperationException>(() => LabeledCorpus.Append(path, Held("h1", false)));
        Assert.Throws<ArgumentException>(() => LabeledCorpus.Append(path, Held("h3", true) with { Regions = ["mars"] }));
        Assert.Single(LabeledCorpus.ReadFile(path));
    }

    [Fact]
    public void ShipsAnOwnCorpusInAllFourLanguages()
    {
        var stories = LabeledCorpus.ReadDefault();

        Assert.Equal(stories.Count, stories.Select(s => s.Id).Distinct().Count());
        Assert.Equal(["en", "es", "fr", "no"], stories.Select(s => s.Lang ?? "").Distinct().Order().ToArray());
        Assert.Contains(stories, s => s.Difficulty == "hard" && s.Relevant);
        Assert.Contains(stories, s => s.Difficulty == "hard" && !s.Relevant);
    }
}
