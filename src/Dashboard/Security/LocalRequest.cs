using System.Net;
using Microsoft.AspNetCore.Http;

namespace Visco.Dashboard.Security;

/// <summary>Whether a request comes from this machine, as far as the dashboard's loopback mode trusts it.</summary>
internal static class LocalRequest
{
    /// <summary>
    /// True for a loopback peer that is not a proxy: a request carrying forwarding headers came through a reverse proxy
    /// on this machine on behalf of someone else, so it is not local (unless forwarded-headers middleware already
    /// replaced the remote address, in which case that address decides).
    /// </summary>
    public static bool IsLocal(HttpContext http)
    {
        var remote = http.Connection.RemoteIpAddress;
        if (remote is null)
        {
            return false;
        }

        if (remote.IsIPv4MappedToIPv6)
        {
            remote = remote.MapToIPv4();
        }

        if (!IPAddress.IsLoopback(remote))
        {
            return false;
        }

        var headers = http.Request.Headers;
        return !headers.ContainsKey("X-Forwarded-For") && !headers.ContainsKey("Forwarded");
    }
}
