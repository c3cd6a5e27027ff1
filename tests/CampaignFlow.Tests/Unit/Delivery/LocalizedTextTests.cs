using CampaignFlow.Delivery;

namespace CampaignFlow.Tests.Unit.Delivery;

public sealed class LocalizedTextTests
{
    private static readonly DateTimeOffset Vientiane = new(2010, 8, 1, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("en", "1 August 2010")]
    [InlineData("no", "1. august 2010")]
    [InlineData("fr", "1er août 2010")]
    [InlineData("es", "1 de agosto de 2010")]
    [InlineData("nb", "1. august 2010")]
    [InlineData("de", "1 August 2010")]
    [InlineData(null, "1 August 2010")]
    public void WritesTheDateInTheSubscribersLanguage(string? language, string expected) =>
        Assert.Equal(expected, LocalizedText.Date(Vientiane, language));

    [Fact]
    public void OnlyTheFirstOfTheMonthIsOrdinalInFrench() =>
        Assert.Equal("30 mai 2008", LocalizedText.Date(new DateTimeOffset(2008, 5, 30, 0, 0, 0, TimeSpan.Zero), "fr"));

    [Theory]
    [InlineData("en", 1, "1 story")]
    [InlineData("en", 3, "3 stories")]
    [InlineData("no", 1, "1 sak")]
    [InlineData("no", 2, "2 saker")]
    [InlineData("fr", 1, "1 article")]
    [InlineData("es", 4, "4 noticias")]
    public void CountsStoriesWithTheRightNoun(string language, int count, string expected) =>
        Assert.Equal(expected, LocalizedText.Stories(count, language));

    [Theory]
    [InlineData("en", "\u201cOslo Process\u201d")]
    [InlineData("no", "\u00abOslo Process\u00bb")]
    [InlineData("es", "\u00abOslo Process\u00bb")]
    [InlineData("fr", "\u00ab Oslo Process \u00bb")]
    public void QuotesATermAsTheLanguageDoes(string language, string expected) =>
        Assert.Equal(expected, LocalizedText.Quote("Oslo Process", language));
}
