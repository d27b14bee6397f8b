using System.Net;
using System.Net.Sockets;

namespace SupportHub.Tests.TestHost;

/// <summary>
/// An HttpClient whose connections leave from another loopback address (127.0.0.2...), so that the
/// server, which keys its limits on the client address, sees a second client machine. Linux routes
/// all of 127.0.0.0/8 to the loopback interface, so binding the socket is enough.
/// </summary>
public static class FromAddress
{
    public static HttpClient Http(Uri baseAddress, IPAddress local) =>
        new(new SocketsHttpHandler
        {
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        { BaseAddress = baseAddress, Timeout = HubServer.Timeout };
}
