using CampaignFlow.Delivery;
using CampaignFlow.Subscribers;
using CampaignFlow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignFlow.Tests.Delivery;

public sealed class DigestSenderTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task SendsEachDigestSubscriberOneMailInTheirLanguageOnceADay()
    {
        await using var h = await DeliveryHarness.StartAsync(azurite);
        await h.StoryAsync("First <story>");
        await h.StoryAsync("Second story");
        var english = await h.SubscribersAsync(3, "digest-en", s => s with { Cadence = Cadence.DailyDigest });
        var norsk = await h.SubscribersAsync(1, "digest-no", s => s with { Cadence = Cadence.DailyDigest, Language = "no" });
        var french = await h.SubscribersAsync(1, "digest-fr", s => s with { Cadence = Cadence.DailyDigest, Language = "fr" });
        var spanish = await h.SubscribersAsync(2, "digest-es", s => s with { Cadence = Cadence.DailyDigest, Language = "es" });
        var instant = await h.SubscribersAsync(1, "instant");
        var digest = h.Services.GetRequiredService<DigestSender>();

        var first = await digest.SendAsync();
        var again = await digest.SendAsync();

        Assert.Equal(7, first);
        Assert.Equal(0, again);
        Assert.All(english.Concat(norsk).Concat(french).Concat(spanish), s => Assert.Equal(1, h.Endpoint.TimesSent(s.Email)));
        Assert.Equal(0, h.Endpoint.TimesSent(instant[0].Email));
        var bodies = h.Endpoint.Accepted.ToList();
        Assert.Equal(4, bodies.Count);
        var en = bodies.Single(b => b.GetProperty("personalizations").GetArrayLength() == 3);
        var html = en.GetProperty("content")[1].GetProperty("value").GetString()!;
        Assert.Contains("First &lt;story&gt;", html);
        Assert.Contains("Second story", html);
        Assert.Contains("href=\"-unsubscribe_url-\"", html);
        string Subject(string address) => bodies.Single(b => b.GetProperty("personalizations").EnumerateArray().Any(p => p.GetProperty("to")[0].GetProperty("email").GetString() == address)).GetProperty("subject").GetString()!;
        Assert.Equal("Dagens sammendrag fra Cluster Munition Coalition: 2 saker", Subject(norsk[0].Email));
        Assert.Equal("Résumé quotidien de la Cluster Munition Coalition : 2 articles", Subject(french[0].Email));
        Assert.Equal("Resumen diario de la Cluster Munition Coalition: 2 noticias", Subject(spanish[0].Email));
        Assert.Equal(Subject(spanish[0].Email), Subject(spanish[1].Email));
    }
}
