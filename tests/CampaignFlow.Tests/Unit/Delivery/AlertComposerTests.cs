using Verdict = CampaignFlow.Classification.StoryVerdict;
using CampaignFlow.Classification;
using CampaignFlow.Delivery;
using CampaignFlow.Stories;
using CampaignFlow.Subscribers;
using Microsoft.Extensions.Options;
using MimeKit;
using CampaignFlow.Azure.Email;

using CampaignFlow.Tests.Classification;

namespace CampaignFlow.Tests.Unit.Delivery;

public sealed class AlertComposerTests
{
    private static readonly EmailOptions Sender = new() { FromAddress = "alerts@example.org", PublicBaseUrl = "https://alerts.example.org" };
    private static readonly TokenService Tokens = new(Options.Create(new TokenOptions { SigningKey = new string('k', 40) }), TimeProvider.System);
    private static readonly Subscriber Reader = Subscriber.Create("reader@example.org") with { Name = "Reader", Status = SubscriberStatus.Active };

    private static ClassifiedStory Story(string title, string summary = "Summary", string? link = "https://www.regjeringen.no/en/id1/") => new(
        new Story { Id = "story1", Feed = "mfa", Title = title, Summary = summary, Link = link, Published = new DateTimeOffset(2007, 5, 31, 0, 0, 0, TimeSpan.Zero) },
        new Verdict
        {
            Relevant = true,
            Score = 4,
            Decision = ClassificationDecision.Send,
            Topics = ["diplomatic-conference"],
            Evidence = [new TermMatch("cluster munitions", 10, 2)],
            RuleSetVersion = "1.0",
        });

    private static Task<EmailMessage> ComposeAsync(ClassifiedStory story, Subscriber? reader = null) =>
        new AlertComposer(Options.Create(Sender), Tokens, StaticEmailTemplateProvider.Default(), new StaticRuleSetProvider(CampaignFlow.Tests.Classification.TestRules.Default)).ComposeAsync(story, reader ?? Reader);

    [Fact]
    public async Task EscapesMarkupInStoryTextSoItStaysText()
    {
        var email = await ComposeAsync(Story("Ban <script>alert(1)</script> & more", "<img src=x onerror=alert(1)>"));

        Assert.DoesNotContain("<script>", email.Html);
        Assert.DoesNotContain("<img", email.Html);
        Assert.Contains("Ban &lt;script&gt;alert(1)&lt;/script&gt; &amp; more", email.Html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", email.Html);
        Assert.Contains("Ban <script>alert(1)</script> & more", email.Text);
    }

    [Fact]
    public async Task KeepsCarriageReturnsAndLineFeedsOutOfTheSubjectAndHeaders()
    {
        var email = await ComposeAsync(Story("Ban\r\nBcc: victim@example.com\r\n\r\nbody"));

        Assert.DoesNotContain('\r', email.Subject);
        Assert.DoesNotContain('\n', email.Subject);
        var mime = OutboxEmailSender.ToMime(email, Sender, DateTimeOffset.UnixEpoch);
        using var stream = new MemoryStream();
        mime.WriteTo(stream);
        stream.Position = 0;
        var parsed = MimeMessage.Load(stream);
        Assert.Empty(parsed.Bcc);
        Assert.Equal("Alert: Ban Bcc: victim@example.com body", parsed.Subject);
    }

    [Fact]
    public async Task DropsLinksThatAreNotHttp()
    {
        var email = await ComposeAsync(Story("Title", link: "javascript:alert(1)"));

        Assert.DoesNotContain("javascript:", email.Html);
        Assert.DoesNotContain("Read the full story", email.Text);
    }

    [Fact]
    public async Task CarriesAOneClickUnsubscribeThatValidatesForThisSubscriber()
    {
        var email = await ComposeAsync(Story("Title"));

        Assert.Equal("List-Unsubscribe=One-Click", email.Headers["List-Unsubscribe-Post"]);
        var url = email.Headers["List-Unsubscribe"].Trim('<', '>');
        Assert.StartsWith("https://alerts.example.org/api/unsubscribe?token=", url);
        var token = Uri.UnescapeDataString(url[(url.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
        Assert.Equal(Reader.Id, Tokens.Validate(AlertComposer.UnsubscribePurpose, token));
        Assert.Contains(url.Replace("&", "&amp;"), email.Html);
        Assert.Contains(url, email.Text);
    }

    [Fact]
    public async Task ExplainsWhyWithTheMatchedTermsAndTopics()
    {
        var email = await ComposeAsync(Story("Title"));

        Assert.Contains("Why you got this: you subscribed to Cluster Munition Coalition news alerts, and this story mentions \u201ccluster munitions\u201d (topics: Conferences and meetings of states).", email.Text);
    }

    [Theory]
    [InlineData("no", "og denne saken nevner \u00abcluster munitions\u00bb (emner: Konferanser og møter mellom stater).")]
    [InlineData("fr", "et cet article mentionne \u00ab cluster munitions \u00bb (thèmes : Conférences et réunions des États).")]
    [InlineData("es", "y esta noticia menciona \u00abcluster munitions\u00bb (temas: Conferencias y reuniones de los Estados).")]
    public async Task NamesTheTopicsInTheWhyLineByTheirLabelInTheSubscribersLanguage(string language, string why)
    {
        var email = await ComposeAsync(Story("Title"), Reader with { Language = language });

        Assert.Contains(why, email.Text);
        Assert.DoesNotContain("diplomatic-conference", email.Text);
        Assert.DoesNotContain("diplomatic-conference", email.Html);
    }

    [Fact]
    public async Task TagsTheMessageWithIdsButNoAddress()
    {
        var email = await ComposeAsync(Story("Title"));

        Assert.Equal("story1", email.CustomArgs["story_id"]);
        Assert.DoesNotContain(email.CustomArgs.Values, v => v.Contains('@'));
        Assert.DoesNotContain("@", email.Reference);
    }
}
