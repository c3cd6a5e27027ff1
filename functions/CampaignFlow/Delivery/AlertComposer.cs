using System.Globalization;
using System.Net;
using System.Text;
using CampaignFlow.Stories;
using CampaignFlow.Subscribers;
using Microsoft.Extensions.Options;

namespace CampaignFlow.Delivery;

/// <summary>
/// Builds the alert email for one story and one subscriber. Every piece of feed text is escaped for HTML
/// and stripped of control characters for headers; links are only ever http(s).
/// </summary>
public sealed class AlertComposer(IOptions<EmailOptions> options, TokenService tokens)
{
    public const string UnsubscribePurpose = "unsubscribe";

    public EmailMessage Compose(ClassifiedStory classified, Subscriber subscriber)
    {
        var (story, verdict) = (classified.Story, classified.Verdict);
        var title = OneLine(story.Title);
        var date = story.Published?.ToString("d MMMM yyyy", CultureInfo.InvariantCulture) ?? "date not given";
        var link = SafeLink(story.Link);
        var why = WhyLine(classified);
        var unsubscribe = $"{options.Value.PublicBaseUrl.TrimEnd('/')}/api/unsubscribe?token={Uri.EscapeDataString(tokens.Create(UnsubscribePurpose, subscriber.Id))}";

        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(Html(title)).Append("</title></head>")
            .Append("<body style=\"font-family:Arial,Helvetica,sans-serif;max-width:640px;margin:auto;color:#222\">")
            .Append("<p style=\"color:#666;font-size:13px\">Cluster Munition Coalition news alert</p>")
            .Append("<h1 style=\"font-size:22px\">").Append(Html(title)).Append("</h1>")
            .Append("<p style=\"color:#666\">").Append(Html(date)).Append(" &middot; ").Append(Html(story.Feed)).Append("</p>")
            .Append("<p>").Append(Html(OneLine(story.Summary))).Append("</p>")
            .Append(link is null ? "" : $"<p><a href=\"{Html(link)}\">Read the full story</a></p>")
            .Append("<hr><p style=\"color:#666;font-size:13px\">").Append(Html(why)).Append("</p>")
            .Append("<p style=\"color:#666;font-size:13px\"><a href=\"").Append(Html(unsubscribe)).Append("\">Unsubscribe</a> with one click.</p>")
            .Append("</body></html>")
            .ToString();

        var text = new StringBuilder()
            .AppendLine("Cluster Munition Coalition news alert").AppendLine()
            .AppendLine(title).AppendLine($"{date} · {OneLine(story.Feed)}").AppendLine()
            .AppendLine(OneLine(story.Summary)).AppendLine()
            .AppendLine(link is null ? "" : $"Read the full story: {link}").AppendLine()
            .AppendLine(why)
            .AppendLine($"Unsubscribe: {unsubscribe}")
            .ToString();

        return new EmailMessage
        {
            To = subscriber.Email,
            ToName = subscriber.Name is null ? null : OneLine(subscriber.Name),
            Subject = Truncate($"Alert: {title}", 200),
            Html = html,
            Text = text,
            Headers = new Dictionary<string, string>
            {
                ["List-Unsubscribe"] = $"<{unsubscribe}>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            },
            Categories = ["alert"],
            CustomArgs = new Dictionary<string, string> { ["story_id"] = story.Id, ["rule_version"] = verdict.RuleSetVersion },
            Reference = $"{story.Id}-{subscriber.Id}",
        };
    }

    /// <summary>"Why you got this": the strongest matched terms and the topics, in plain words.</summary>
    public static string WhyLine(ClassifiedStory classified)
    {
        var terms = classified.Verdict.Evidence.Where(e => e.Weight > 0).Select(e => $"\u201c{OneLine(e.Term)}\u201d").Distinct().Take(4).ToList();
        var topics = classified.Verdict.Topics.Count == 0 ? "" : $" (topics: {string.Join(", ", classified.Verdict.Topics)})";
        return terms.Count == 0
            ? $"Why you got this: the story matched your alert settings{topics}."
            : $"Why you got this: the story mentions {string.Join(", ", terms)}{topics}.";
    }

    private static string Html(string value) => WebUtility.HtmlEncode(value);

    /// <summary>Collapses every control character (CR, LF, tab …) and run of spaces to one space.</summary>
    private static string OneLine(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            var space = char.IsControl(c) || char.IsWhiteSpace(c);
            if (!space || (builder.Length > 0 && builder[^1] != ' '))
            {
                builder.Append(space ? ' ' : c);
            }
        }
        return builder.ToString().Trim();
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..(max - 1)] + "…";

    private static string? SafeLink(string? link) =>
        Uri.TryCreate(link, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.AbsoluteUri
            : null;
}
