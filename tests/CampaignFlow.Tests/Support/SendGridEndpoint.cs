using CampaignFlow.Cli.SendGridLoopback;

namespace CampaignFlow.Tests.Support;

/// <summary>
/// Starts the loopback SendGrid endpoint, validating every request against the project's own mail-send schema
/// (in every clone) and SendGrid's rules, key and answers. Where ../shared holds SendGrid's official OpenAPI document,
/// <see cref="SchemaPath"/> cross-checks the project's schema against it (<see cref="SharedFactAttribute"/>s).
/// </summary>
public static class SendGridEndpoint
{
    public const string ApiKey = "SG.test-key-for-loopback";
    public const string SchemaPath = "conformance/sendgrid/tsg_mail_v3.json";

    public static Task<LoopbackSendGrid> StartAsync(bool keepBodies = true) =>
        LoopbackSendGrid.StartAsync(MailSendSchema.BuiltIn, ApiKey, keepBodies);
}
