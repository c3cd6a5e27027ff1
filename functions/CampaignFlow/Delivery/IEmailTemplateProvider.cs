namespace CampaignFlow.Delivery;

/// <summary>Supplies the email templates in use; implementations may swap them at any time.</summary>
public interface IEmailTemplateProvider
{
    /// <summary>The template <paramref name="name"/> (alert, confirm, digest) in the language, else in English.</summary>
    ValueTask<EmailTemplate> GetAsync(string name, string? language, CancellationToken cancellationToken = default);
}
