using System.Reflection;
using CampaignFlow.Web;

namespace CampaignFlow.Tests.Unit.Web;

public sealed class PageTextTests
{
    private static readonly PropertyInfo[] Texts = [.. typeof(PageText).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.PropertyType == typeof(string))];

    [Theory]
    [InlineData("no")]
    [InlineData("fr")]
    [InlineData("es")]
    public void EveryTextIsTranslatedNotCopiedFromEnglish(string language)
    {
        var text = PageText.For(language);

        Assert.Equal(language, text.Language);
        Assert.All(Texts, p => Assert.NotEqual(p.GetValue(PageText.English), p.GetValue(text)));
    }

    [Theory]
    [InlineData("nb", "no")]
    [InlineData("NO", "no")]
    [InlineData("fr-CA", "fr")]
    [InlineData("nb-NO", "no")]
    [InlineData("es_419", "es")]
    [InlineData("de", "en")]
    [InlineData(null, "en")]
    public void PicksTheSubscriberLanguageAndFallsBackToEnglish(string? asked, string expected)
    {
        Assert.Equal(expected, PageText.For(asked).Language);
    }

    [Fact]
    public void FrenchTextsPutANarrowNoBreakSpaceBeforeDoublePunctuationAndInsideGuillemets()
    {
        var french = Texts.Select(p => (string)p.GetValue(PageText.French)!).ToList();

        Assert.Contains(french, t => t.Contains("\u202f:", StringComparison.Ordinal));
        Assert.Contains(french, t => t.Contains("\u202f?", StringComparison.Ordinal));
        Assert.All(french, t => Assert.DoesNotMatch(@"\s[;:!?»]|«\s", t.Replace("\u202f", "", StringComparison.Ordinal)));
    }
}
