using System.Buffers.Binary;
using Visco.Grains.Interfaces.Results;

namespace Visco.DomainStore.Sql;

/// <summary>
/// The page cursor: the (received-at, id) of the last row of a page, base64url. Stable because rows are ordered by
/// exactly that pair and ids never change; opaque to clients, who only hand it back. A forged cursor can only move
/// within the caller's own hospital: every query is scoped by hospital first.
/// </summary>
internal static class ResultCursor
{
    private const byte Version = 1;

    public static string Encode(long receivedAtMicros, long id)
    {
        Span<byte> bytes = stackalloc byte[17];
        bytes[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(bytes[1..], receivedAtMicros);
        BinaryPrimitives.WriteInt64BigEndian(bytes[9..], id);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <exception cref="InvalidCursorException">The cursor was not issued by this store.</exception>
    public static (long ReceivedAtMicros, long Id) Decode(string cursor)
    {
        var base64 = cursor.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        Span<byte> bytes = stackalloc byte[24];
        if (cursor.Length != 23 || !Convert.TryFromBase64String(base64, bytes, out var written) || written != 17 || bytes[0] != Version)
        {
            throw new InvalidCursorException("The page cursor is not valid; start again without a cursor.");
        }

        return (BinaryPrimitives.ReadInt64BigEndian(bytes[1..]), BinaryPrimitives.ReadInt64BigEndian(bytes[9..]));
    }
}
