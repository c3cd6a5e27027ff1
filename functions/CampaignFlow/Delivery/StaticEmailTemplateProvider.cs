namespace CampaignFlow.Delivery;

/// <summary>A fixed set of templates: the built-in ones, a folder (preview), or a set under test.</summary>
public sealed class StaticEmailTemplateProvider(IReadOnlyDictionary<string, EmailTemplate> templates) : IEmailTemplateProvider
{
    public ValueTask<EmailTemplate> GetAsync(string name, string? language, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(EmailTemplateLoader.Select(templates, name, language));

    /// <exception cref="EmailTemplateValidationException">A template in the folder is invalid.</exception>
    public static StaticEmailTemplateProvider FromDirectory(string directory)
    {
        var set = EmailTemplateLoader.CheckDirectory(directory);
        return set.Problems.Count == 0 ? new(set.Templates) : throw new EmailTemplateValidationException(directory, set.Problems);
    }

    public static StaticEmailTemplateProvider Default() => new(EmailTemplateLoader.LoadDefault());
}
