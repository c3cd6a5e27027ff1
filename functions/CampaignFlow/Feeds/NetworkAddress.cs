using System.Net;
using System.Net.Sockets;

namespace CampaignFlow.Feeds;

/// <summary>
/// Recognises addresses a feed or article fetch must never reach: loopback, private, link-local (cloud metadata),
/// shared (CGNAT 100.64/10), benchmarking (198.18/15), IETF protocol assignments (192.0.0/24), Azure's platform address
/// 168.63.129.16, multicast, reserved and unspecified; and IPv6 forms that carry or tunnel to an IPv4 address (IPv4-mapped
/// and IPv4-compatible, NAT64 64:ff9b::/96 and 64:ff9b:1::/48, 6to4 2002::/16, Teredo 2001::/32), refused whole since
/// the address they reach cannot be told from here.
/// </summary>
public static class NetworkAddress
{
    private static readonly IPAddress AzurePlatform = IPAddress.Parse("168.63.129.16");

    public static bool IsPrivateOrLocal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return true;
        }
        return address.AddressFamily == AddressFamily.InterNetwork ? IsSpecialIPv4(address) : IsSpecialIPv6(address);
    }

    private static bool IsSpecialIPv4(IPAddress address)
    {
        var b = address.GetAddressBytes();
        return b[0] is 0 or 10 or 127 or >= 224
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 172 && b[1] is >= 16 and <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 100 && b[1] is >= 64 and <= 127)
            || (b[0] == 198 && b[1] is 18 or 19)
            || (b[0] == 192 && b[1] == 0 && b[2] == 0)
            || address.Equals(AzurePlatform);
    }

    private static bool IsSpecialIPv6(IPAddress address)
    {
        var b = address.GetAddressBytes();
        var ipv4Compatible = b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0;
        var nat64 = b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && (b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0 || (b[4] == 0 && b[5] == 1));
        var sixToFour = b[0] == 0x20 && b[1] == 0x02;
        var teredo = b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0;
        return ipv4Compatible || nat64 || sixToFour || teredo
            || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast;
    }
}
