using System.ComponentModel.DataAnnotations;

namespace CampaignFlow.Operations;

/// <summary>
/// How long the app keeps what it no longer needs (setting section <c>Retention</c>), pruned by the daily PruneData
/// timer. Sign-up counts and SendGrid event ids carry their own expiry (an hour or a day; three days) and go then.
/// </summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary><c>Retention__DeliveryLedger</c>: delivery ledger rows (who got which story, attempts) older than this go.</summary>
    [Range(typeof(TimeSpan), "7.00:00:00", "3650.00:00:00")]
    public TimeSpan DeliveryLedger { get; set; } = TimeSpan.FromDays(180);

    /// <summary><c>Retention__StoryTexts</c>: full story texts (the <c>stories</c> container) older than this go.</summary>
    [Range(typeof(TimeSpan), "7.00:00:00", "3650.00:00:00")]
    public TimeSpan StoryTexts { get; set; } = TimeSpan.FromDays(365);
}
