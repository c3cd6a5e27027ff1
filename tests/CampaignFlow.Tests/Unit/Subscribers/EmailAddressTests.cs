using CampaignFlow.Subscribers;

namespace CampaignFlow.Tests.Unit.Subscribers;

public sealed class EmailAddressTests
{
    [Fact]
    public void TheKelvinSignIsNotTheLetterK() =>
        Assert.NotEqual(EmailAddress.Key("\u212Aari@example.org"), EmailAddress.Key("kari@example.org"));

    [Fact]
    public void AsciiLettersFoldInTheLocalPartAndTheDomain() =>
        Assert.Equal(EmailAddress.Key("kari@example.org"), EmailAddress.Key("KARI@Example.ORG"));

    [Fact]
    public void ANonAsciiLocalPartIsKeptExactly()
    {
        Assert.True(EmailAddress.TryNormalize("Ärger@example.org", out var normalized));
        Assert.Equal("Ärger@example.org", normalized);
        Assert.NotEqual(EmailAddress.Key("Ärger@example.org"), EmailAddress.Key("ärger@example.org"));
    }

    [Fact]
    public void AnInternationalisedDomainIsOneDomainInEitherForm()
    {
        Assert.True(EmailAddress.TryNormalize("kari@BÜCHER.example", out var normalized));
        Assert.Equal("kari@xn--bcher-kva.example", normalized);
        Assert.Equal(EmailAddress.Key("kari@xn--bcher-kva.example"), EmailAddress.Key("kari@bücher.example"));
    }
}
