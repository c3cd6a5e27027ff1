using CampaignFlow.Classification;

namespace CampaignFlow.Tests.Unit.Classification;

/// <summary>The project's corpus in two parts: the split follows the ids' hash, and the parts share no story.</summary>
public sealed class CorpusPartsTests
{
    private static readonly IReadOnlyList<LabeledStory> Tuning = LabeledCorpus.ReadDefault();
    private static readonly IReadOnlyList<LabeledStory> HeldOut = LabeledCorpus.ReadHeldOut();

    [Fact]
    public void SplitsTheNewStoriesByTheHashOfTheirId()
    {
        var newTuning = Tuning.Where(s => !s.Id.StartsWith('c')).ToList();

        Assert.All(HeldOut, s => Assert.True(LabeledCorpus.IsHeldOut(s.Id), $"{s.Id} belongs to the tuning part"));
        Assert.All(newTuning, s => Assert.False(LabeledCorpus.IsHeldOut(s.Id), $"{s.Id} belongs to the held-out part"));
        Assert.Empty(Tuning.Select(s => s.Id).Intersect(HeldOut.Select(s => s.Id)));
        Assert.True(newTuning.Count + HeldOut.Count >= 200, $"{newTuning.Count + HeldOut.Count} new stories");
    }

    [Fact]
    public void WeighsTheNewStoriesTowardFrenchSpanishAndNorwegian()
    {
        var added = Tuning.Where(s => !s.Id.StartsWith('c')).Concat(HeldOut).ToList();
        var byLang = added.GroupBy(s => s.Lang).ToDictionary(g => g.Key ?? "", g => g.Count());

        Assert.All(new[] { "fr", "es", "no" }, l => Assert.True(byLang[l] > byLang["en"], $"{l}: {byLang[l]}, en: {byLang["en"]}"));
        Assert.All(added, s => Assert.Equal(s.Relevant, s.Topics.Count > 0));
        Assert.All(added.SelectMany(s => s.Topics), t => Assert.Contains(t, ClassificationTaxonomy.Topics));
        Assert.All(added.SelectMany(s => s.Regions), r => Assert.Contains(r, ClassificationTaxonomy.Regions));
    }

    [Fact]
    public void HoldsOutStoriesOfEveryTopicAndLanguage()
    {
        Assert.All(ClassificationTaxonomy.Topics, t => Assert.Contains(HeldOut, s => s.Topics.Contains(t)));
        Assert.Equal(["en", "es", "fr", "no"], HeldOut.Select(s => s.Lang ?? "").Distinct().Order().ToArray());
        Assert.Contains(HeldOut, s => !s.Relevant);
    }
}
