using CampaignFlow.Feeds;

namespace CampaignFlow.Tests.Unit.Feeds;

public sealed class FeedDatesTests
{
    [Theory]
    [InlineData("Thu, 31 May 2007 13:30:00 GMT", "2007-05-31T13:30:00Z")]
    [InlineData("Thu, 31 May 2007 13:30:00 +0200", "2007-05-31T11:30:00Z")]
    [InlineData("Thu, 31 May 2007 13:30:00 -05:00", "2007-05-31T18:30:00Z")]
    [InlineData("Thu, 31 May 2007 13:30:00 EDT", "2007-05-31T17:30:00Z")]
    [InlineData("Thu, 31 May 2007 13:30:00 PST", "2007-05-31T21:30:00Z")]
    [InlineData("Thu, 31 May 2007 13:30:00 CEST", "2007-05-31T11:30:00Z")]
    [InlineData("Thu, 31 May 2007 13:30:00 UT", "2007-05-31T13:30:00Z")]
    [InlineData("31 May 2007 13:30 GMT", "2007-05-31T13:30:00Z")]
    [InlineData("Thu, 31 May 07 13:30:00 GMT", "2007-05-31T13:30:00Z")]
    [InlineData("Thursday, 31 May 2007 13:30:00 GMT", "2007-05-31T13:30:00Z")]
    [InlineData("Thu,31 May 2007 13:30:00 GMT", "2007-05-31T13:30:00Z")]
    [InlineData("Thu, 31-May-2007 13:30:00 GMT", "2007-05-31T13:30:00Z")]
    [InlineData("Thu, 1 June 2007 9:05 +0200", "2007-06-01T07:05:00Z")]
    [InlineData("Thu May 31 13:30:00 2007", "2007-05-31T13:30:00Z")]
    [InlineData("Thu, 31 May 2007 13:30:00", "2007-05-31T13:30:00Z")]
    [InlineData("Thu, 31 May 2007 13:30:00 GMT+2", "2007-05-31T11:30:00Z")]
    public void ParsesRfc822AndItsSloppyVariants(string value, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), FeedDates.Parse(value));

    [Theory]
    [InlineData("2007-05-31T13:30:00Z", "2007-05-31T13:30:00Z")]
    [InlineData("2007-05-31T13:30:00+02:00", "2007-05-31T11:30:00Z")]
    [InlineData("2007-05-31T13:30:00.544-08:00", "2007-05-31T21:30:00.544Z")]
    [InlineData("2007-05-31T13:30+01:00", "2007-05-31T12:30:00Z")]
    [InlineData("2007-05-31", "2007-05-31T00:00:00Z")]
    [InlineData("2007-05", "2007-05-01T00:00:00Z")]
    [InlineData("2007", "2007-01-01T00:00:00Z")]
    [InlineData("20070531T133000Z", "2007-05-31T13:30:00Z")]
    [InlineData("2007-05-31 13:30:00", "2007-05-31T13:30:00Z")]
    public void ParsesIso8601AndW3cdtf(string value, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), FeedDates.Parse(value));

    [Theory]
    [InlineData("31/05/2007", "2007-05-31T00:00:00Z")]
    [InlineData("01/02/2008", "2008-02-01T00:00:00Z")]
    [InlineData("1/2/2008", "2008-02-01T00:00:00Z")]
    [InlineData("31/05/2007 14:05", "2007-05-31T14:05:00Z")]
    public void ParsesTheMinistrysDayMonthYear(string value, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), FeedDates.Parse(value));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("yesterday")]
    [InlineData("31/13/2007")]
    [InlineData("Thu, 32 May 2007 13:30:00 GMT")]
    public void ReturnsNullForWhatIsNotADate(string value) => Assert.Null(FeedDates.Parse(value));

    [Fact]
    public void ReturnsUtcOffsets() => Assert.Equal(TimeSpan.Zero, FeedDates.Parse("Thu, 31 May 2007 13:30:00 +0200")!.Value.Offset);
}
