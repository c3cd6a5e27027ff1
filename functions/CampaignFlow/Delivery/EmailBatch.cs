namespace CampaignFlow.Delivery;

/// <summary>
/// One email to many recipients, sent as one provider request: shared subject and bodies with substitution tags,
/// one personalization per recipient. Categories and custom args carry ids only, never personal data.
/// </summary>
public sealed record EmailBatch
{
    public required string Subject { get; init; }
    public required string Html { get; init; }
    public required string Text { get; init; }
    /// <summary>Headers common to every recipient (List-Unsubscribe-Post).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<string> Categories { get; init; } = [];
    public IReadOnlyDictionary<string, string> CustomArgs { get; init; } = new Dictionary<string, string>();
    public required IReadOnlyList<BatchRecipient> Recipients { get; init; }

    /// <summary>The message one recipient receives, substitutions applied (what the provider does server-side).</summary>
    public EmailMessage Render(BatchRecipient recipient)
    {
        string Apply(string template)
        {
            foreach (var (tag, value) in recipient.Substitutions)
            {
                template = template.Replace(tag, value, StringComparison.Ordinal);
            }
            return template;
        }
        var headers = new Dictionary<string, string>(Headers);
        foreach (var (name, value) in recipient.Headers)
        {
            headers[name] = value;
        }
        return new EmailMessage
        {
            To = recipient.To,
            ToName = recipient.ToName,
            Subject = Apply(Subject),
            Html = Apply(Html),
            Text = Apply(Text),
            Headers = headers,
            Categories = Categories,
            CustomArgs = CustomArgs,
            Reference = recipient.Reference,
        };
    }
}
