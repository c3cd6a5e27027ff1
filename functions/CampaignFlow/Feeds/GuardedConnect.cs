using System.Net;
using System.Net.Sockets;

namespace CampaignFlow.Feeds;

/// <summary>
/// The connection step of the feed and article clients: a host is resolved here and only its allowed addresses are
/// dialled, so neither DNS (an allowed name pointing at 169.254.169.254) nor a redirect (each hop connects through this
/// again) reaches a private or local address. No proxy is used: through a proxy the check would see the proxy's
/// address, not the destination's, so HTTP(S)_PROXY is ignored by these two clients.
/// </summary>
public static class GuardedConnect
{
    /// <summary>A handler that connects only to addresses <see cref="NetworkAddress.IsPrivateOrLocal"/> accepts, plus loopback when <paramref name="allowLoopback"/>, plus any when <paramref name="allowPrivate"/>.</summary>
    public static SocketsHttpHandler Handler(bool allowLoopback, bool allowPrivate = false) => new()
    {
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, a => allowPrivate || (allowLoopback && IPAddress.IsLoopback(a)) || !NetworkAddress.IsPrivateOrLocal(a), cancellationToken),
    };

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, Func<IPAddress, bool> allowed, CancellationToken cancellationToken)
    {
        var host = endpoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var usable = addresses.Where(allowed).ToArray();
        if (usable.Length == 0)
        {
            throw new HttpRequestException($"refused: {host} resolves only to private or local addresses");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(usable, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
