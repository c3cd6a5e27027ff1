using CampaignFlow.Cli.Local;
using CampaignFlow.Cli.SendGridLoopback;

namespace CampaignFlow.Tests.Support;

/// <summary>
/// Starts the loopback SendGrid endpoint, validating against SendGrid's official schema in ../shared where it is
/// beside the repository (elsewhere the endpoint still enforces SendGrid's own rules, key and answers): tests of
/// behaviour run everywhere; the tests of schema conformance are <see cref="SharedFactAttribute"/>s.
/// </summary>
public static class SendGridEndpoint
{
    public const string ApiKey = "SG.test-key-for-loopback";
    public const string SchemaPath = "conformance/sendgrid/tsg_mail_v3.json";

    public static Task<LoopbackSendGrid> StartAsync(bool keepBodies = true) =>
        LoopbackSendGrid.StartAsync(RepositoryRoot.Shared(SchemaPath) is { } path ? MailSendSchema.Load(path) : null, ApiKey, keepBodies);
}
