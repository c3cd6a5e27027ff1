using System.Net;
using CampaignFlow.Web.Http;

namespace CampaignFlow.Tests.Unit.Web;

public sealed class ClientNetworkTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::ffff", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    public void IPv4IsItselfAndIPv6IsItsSlash64(string address, string network)
    {
        Assert.Equal(network, ClientNetwork.Of(IPAddress.Parse(address)));
    }

    [Fact]
    public void NoAddressIsOneUnknownNetwork()
    {
        Assert.Equal("unknown", ClientNetwork.Of((IPAddress?)null));
    }
}
