using CampaignFlow.Cli.Local;
using CampaignFlow.Cli.SendGridLoopback;

namespace CampaignFlow.Tests.Support;

/// <summary>Starts the loopback SendGrid endpoint validating against SendGrid's official schema in ../shared.</summary>
public static class SendGridEndpoint
{
    public const string ApiKey = "SG.test-key-for-loopback";
    public const string SchemaPath = "conformance/sendgrid/tsg_mail_v3.json";

    public static Task<LoopbackSendGrid> StartAsync(bool keepBodies = true) =>
        LoopbackSendGrid.StartAsync(MailSendSchema.Load(RepositoryRoot.Shared(SchemaPath)!), ApiKey, keepBodies);
}
