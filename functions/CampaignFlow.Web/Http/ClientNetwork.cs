using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace CampaignFlow.Web.Http;

/// <summary>
/// The network a request comes from, for the per-network sign-up limit: the connection's address as the
/// forwarded-headers middleware left it (in Azure, the client address the front end appended, never an entry the client
/// wrote), an IPv4 address as is, an IPv6 address as its /64 — one subscriber line or LAN, which can hold 2^64 addresses.
/// </summary>
public static class ClientNetwork
{
    public static string Of(HttpContext context) => Of(context.Connection.RemoteIpAddress);

    public static string Of(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
