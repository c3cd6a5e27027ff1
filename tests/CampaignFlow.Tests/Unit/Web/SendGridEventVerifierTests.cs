using System.Security.Cryptography;
using System.Text;
using CampaignFlow.Web.Webhooks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CampaignFlow.Tests.Unit.Web;

public sealed class SendGridEventVerifierTests
{
    [Theory]
    [InlineData("99999999999999")]
    [InlineData("9223372036854775807")]
    [InlineData("-62135596801")]
    [InlineData(" 1700000000")]
    [InlineData("0x10")]
    public void AnAbsurdOrMalformedTimestampIsRefusedWithAReasonNotAnException(string timestamp)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var verifier = new SendGridEventVerifier(Options.Create(new SendGridWebhookOptions { WebhookVerificationKey = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()) }), new FakeTimeProvider(DateTimeOffset.UtcNow));
        var body = Encoding.UTF8.GetBytes("[]");
        var signature = Convert.ToBase64String(key.SignData([.. Encoding.UTF8.GetBytes(timestamp), .. body], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

        Assert.NotNull(verifier.Check(signature, timestamp, body));
    }

    [Fact]
    public void AFreshCorrectlySignedBodyPasses()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var verifier = new SendGridEventVerifier(Options.Create(new SendGridWebhookOptions { WebhookVerificationKey = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()) }), clock);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var body = Encoding.UTF8.GetBytes("[]");
        var signature = Convert.ToBase64String(key.SignData([.. Encoding.UTF8.GetBytes(timestamp), .. body], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

        Assert.Null(verifier.Check(signature, timestamp, body));
    }
}
