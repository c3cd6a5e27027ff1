using System.Net;
using CampaignFlow.Feeds;

namespace CampaignFlow.Tests.Unit.Feeds;

public sealed class NetworkAddressTests
{
    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("::ffff:10.1.2.3")]
    [InlineData("100.64.0.1")] // shared address space (CGNAT)
    [InlineData("100.127.255.254")]
    [InlineData("198.18.0.1")] // benchmarking
    [InlineData("198.19.255.255")]
    [InlineData("192.0.0.170")] // IETF protocol assignments (NAT64 discovery)
    [InlineData("168.63.129.16")] // Azure's platform address (DHCP, DNS, health probes)
    [InlineData("64:ff9b::a9fe:a9fe")] // NAT64 of 169.254.169.254
    [InlineData("64:ff9b:1::a00:1")] // local-use NAT64
    [InlineData("2002:a9fe:a9fe::1")] // 6to4 of 169.254.169.254
    [InlineData("::a9fe:a9fe")] // IPv4-compatible
    [InlineData("::1")]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2")] // Teredo
    [InlineData("fd00::1")]
    [InlineData("fe80::1")]
    public void RefusesAddressesThatReachPrivateLocalOrPlatformHosts(string address) =>
        Assert.True(NetworkAddress.IsPrivateOrLocal(IPAddress.Parse(address)), address);

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("100.128.0.1")]
    [InlineData("198.20.0.1")]
    [InlineData("192.0.1.1")]
    [InlineData("168.63.129.17")]
    [InlineData("2a00:1450:4001:82b::200e")]
    [InlineData("2001:db8::1")]
    public void AllowsPublicAddresses(string address) =>
        Assert.False(NetworkAddress.IsPrivateOrLocal(IPAddress.Parse(address)), address);
}
