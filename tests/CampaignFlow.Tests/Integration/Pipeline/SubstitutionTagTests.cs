using CampaignFlow.Tests.Support;
using MimeKit;

namespace CampaignFlow.Tests.Integration.Pipeline;

/// <summary>
/// Feed-controlled values never carry a SendGrid substitution tag: delivered through the outbox, which applies each
/// recipient's substitutions to the subject, the HTML and the text part as SendGrid does.
/// </summary>
public sealed class SubstitutionTagTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task AFeedItemCannotSendARecipientsSignedLinksToItsHostInEitherPart()
    {
        using var outbox = new TempDirectory();
        await using var h = await DeliveryHarness.StartAsync(azurite, new Dictionary<string, string?> { ["Email:Sink"] = "Outbox", ["Email:OutboxDirectory"] = outbox.Path });
        var story = await h.StoryAsync(
            "Ban -unsubscribe_url- now -Preferences_URL-",
            "Read https://evil.example/s?u=-unsubscribe_url- and <%asm_group_unsubscribe_raw_url%>",
            "https://evil.example/?u=-unsubscribe_url-&p=-preferences_url-");
        await h.SubscribersAsync(2);

        foreach (var batch in await h.FanOutAsync(story))
        {
            await h.RunAsync(batch);
        }

        var mails = Directory.GetFiles(outbox.Path, "*.eml").Select(f => MimeMessage.Load(f)).ToList();
        Assert.Equal(2, mails.Count);
        foreach (var mail in mails)
        {
            foreach (var part in new[] { mail.Subject, mail.HtmlBody, mail.TextBody })
            {
                Assert.NotNull(part);
                // The recipient's own links are in the template's footer; none may follow the feed's host.
                foreach (var at in Occurrences(part, "evil.example"))
                {
                    var rest = part[at..Math.Min(part.Length, at + 120)];
                    Assert.DoesNotContain("token=", rest, StringComparison.Ordinal);
                    Assert.DoesNotContain("alerts.example.org", rest, StringComparison.Ordinal);
                }
                Assert.DoesNotContain("<%asm", part, StringComparison.Ordinal);
            }
            Assert.Contains("https://evil.example/?u=-unsubscribe%5Furl-&amp;p=-preferences%5Furl-", mail.HtmlBody);
            Assert.Contains("https://evil.example/?u=-unsubscribe%5Furl-&p=-preferences%5Furl-", mail.TextBody);
            Assert.Contains("Ban -unsubscribe url- now -Preferences url-", mail.Subject);
            Assert.Contains("/api/unsubscribe?token=", mail.TextBody); // the template's own link is still filled in
        }
    }

    private static IEnumerable<int> Occurrences(string text, string value)
    {
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            yield return i;
        }
    }
}
