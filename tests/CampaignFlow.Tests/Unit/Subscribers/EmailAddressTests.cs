using CampaignFlow.Subscribers;

namespace CampaignFlow.Tests.Unit.Subscribers;

public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("ana@bücher.example", "ana@xn--bcher-kva.example")]
    [InlineData("ana@BÜCHER.Example", "ana@xn--bcher-kva.example")]
    [InlineData("ana@xn--bcher-kva.example", "ana@xn--bcher-kva.example")]
    [InlineData("  Kari@Example.NO ", "Kari@example.no")]
    public void AnInternationalisedDomainIsOneSpellingWhateverTheVisitorTyped(string typed, string expected)
    {
        Assert.True(EmailAddress.TryNormalize(typed, out var normalized));
        Assert.Equal(expected, normalized);
        Assert.Equal(EmailAddress.Key("ana@xn--bcher-kva.example") == EmailAddress.Key(normalized), expected.StartsWith("ana@", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("a@b", false)]
    [InlineData("user@localhost", false)]
    [InlineData("name@example.org", true)]
    [InlineData("ana@xn--bcher-kva.example", true)]
    public void OnlyDottedDomainsAreDeliverable(string address, bool dotted)
    {
        Assert.True(EmailAddress.TryNormalize(address, out var normalized));
        Assert.Equal(dotted, EmailAddress.HasDottedDomain(normalized));
    }

    [Theory]
    [InlineData("marie@example.fr", "m\u2022\u2022\u2022@example.fr")]
    [InlineData("ana@xn--bcher-kva.example", "a\u2022\u2022\u2022@bücher.example")]
    public void AMaskedAddressShowsItsFirstLetterAndItsDomainInItsOwnScript(string address, string masked)
    {
        Assert.Equal(masked, EmailAddress.Mask(address));
    }

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
