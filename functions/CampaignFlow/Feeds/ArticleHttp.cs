using System.Net;
using System.Net.Sockets;

namespace CampaignFlow.Feeds;

/// <summary>
/// The article client's handler: it connects only to the public addresses a host resolves to (checked at connect time,
/// so DNS cannot point an allowed name at 169.254.169.254), and follows no redirect by itself.
/// </summary>
public static class ArticleHttp
{
    public static SocketsHttpHandler PrimaryHandler(ArticleOptions articles) => new()
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
            var allowed = addresses.Where(a => articles.AllowPrivateAddresses || !NetworkAddress.IsPrivateOrLocal(a)).ToArray();
            if (allowed.Length == 0)
            {
                throw new HttpRequestException($"refused: {host} resolves only to private or local addresses");
            }
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
