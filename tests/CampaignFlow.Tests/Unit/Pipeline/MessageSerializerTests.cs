using CampaignFlow.Pipeline;

namespace CampaignFlow.Tests.Unit.Pipeline;

public sealed class MessageSerializerTests
{
    [Fact]
    public void WritesVersionOneCamelCaseJson()
    {
        Assert.Equal("""{"storyId":"s1","feed":"mfa","v":1}""", MessageSerializer.Serialize(new StoryMessage("s1", "mfa")));
    }

    [Fact]
    public void RoundTripsAMessage()
    {
        Assert.Equal(new AlertMessage("s1", "2.0"), MessageSerializer.Deserialize<AlertMessage>(MessageSerializer.Serialize(new AlertMessage("s1", "2.0"))));
    }

    [Theory]
    [InlineData("""{"storyId":"s1","feed":"mfa"}""", "version 0")]
    [InlineData("""{"storyId":"s1","feed":"mfa","v":2}""", "version 2")]
    [InlineData("{", "not valid JSON")]
    [InlineData("null", "empty")]
    public void RejectsMessagesItCannotReadWithAReason(string json, string reason)
    {
        var error = Assert.Throws<InvalidMessageException>(() => MessageSerializer.Deserialize<StoryMessage>(json));
        Assert.Contains(reason, error.Message);
    }
}
